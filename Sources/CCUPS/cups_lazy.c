// The libcups functions Kasir calls, each forwarding to libcups.so.2 loaded on first use.
//
// Without libcups on the machine every call fails the way libcups itself fails when the server
// cannot be reached (a NULL connection, an error status), and cupsLastErrorString says why.
#include "CCUPS.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

static void *library;
static pthread_once_t once = PTHREAD_ONCE_INIT;

#define FUNCTIONS(X) \
    X(cupsDoRequest) X(cupsFinishDocument) X(cupsLastError) X(cupsLastErrorString) X(cupsServer) \
    X(cupsStartDocument) X(cupsUser) X(cupsWriteRequestData) X(httpClose) X(httpConnect2) X(httpSetTimeout) \
    X(ippAddInteger) X(ippAddString) X(ippDelete) X(ippFindAttribute) X(ippGetBoolean) X(ippGetCount) \
    X(ippGetInteger) X(ippGetStatusCode) X(ippGetString) X(ippNewRequest) X(ippPort)

#define POINTER(name) static __typeof__(&name) real_##name;
FUNCTIONS(POINTER)

static void load(void) {
    library = dlopen("libcups.so.2", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) return;
#define RESOLVE(name) real_##name = (__typeof__(&name))dlsym(library, #name);
    FUNCTIONS(RESOLVE)
}

// The function's pointer, loading libcups first; NULL when libcups or the symbol is missing.
#define REAL(name) (pthread_once(&once, load), real_##name)

ipp_t *cupsDoRequest(http_t *http, ipp_t *request, const char *resource) {
    return REAL(cupsDoRequest) ? real_cupsDoRequest(http, request, resource) : NULL;
}
ipp_status_t cupsFinishDocument(http_t *http, const char *name) {
    return REAL(cupsFinishDocument) ? real_cupsFinishDocument(http, name) : IPP_STATUS_ERROR_INTERNAL;
}
ipp_status_t cupsLastError(void) {
    return REAL(cupsLastError) ? real_cupsLastError() : IPP_STATUS_ERROR_SERVICE_UNAVAILABLE;
}
const char *cupsLastErrorString(void) {
    return REAL(cupsLastErrorString) ? real_cupsLastErrorString() : "libcups.so.2 is not installed";
}
const char *cupsServer(void) {
    return REAL(cupsServer) ? real_cupsServer() : "localhost";
}
http_status_t cupsStartDocument(http_t *http, const char *name, int job_id, const char *docname, const char *format, int last_document) {
    return REAL(cupsStartDocument) ? real_cupsStartDocument(http, name, job_id, docname, format, last_document) : HTTP_STATUS_ERROR;
}
const char *cupsUser(void) {
    return REAL(cupsUser) ? real_cupsUser() : "kasir";
}
http_status_t cupsWriteRequestData(http_t *http, const char *buffer, size_t length) {
    return REAL(cupsWriteRequestData) ? real_cupsWriteRequestData(http, buffer, length) : HTTP_STATUS_ERROR;
}
void httpClose(http_t *http) {
    if (REAL(httpClose)) real_httpClose(http);
}
http_t *httpConnect2(const char *host, int port, http_addrlist_t *addrlist, int family, http_encryption_t encryption, int blocking, int msec, int *cancel) {
    return REAL(httpConnect2) ? real_httpConnect2(host, port, addrlist, family, encryption, blocking, msec, cancel) : NULL;
}
void httpSetTimeout(http_t *http, double timeout, http_timeout_cb_t cb, void *user_data) {
    if (REAL(httpSetTimeout)) real_httpSetTimeout(http, timeout, cb, user_data);
}
ipp_attribute_t *ippAddInteger(ipp_t *ipp, ipp_tag_t group, ipp_tag_t value_tag, const char *name, int value) {
    return REAL(ippAddInteger) ? real_ippAddInteger(ipp, group, value_tag, name, value) : NULL;
}
ipp_attribute_t *ippAddString(ipp_t *ipp, ipp_tag_t group, ipp_tag_t value_tag, const char *name, const char *language, const char *value) {
    return REAL(ippAddString) ? real_ippAddString(ipp, group, value_tag, name, language, value) : NULL;
}
void ippDelete(ipp_t *ipp) {
    if (REAL(ippDelete)) real_ippDelete(ipp);
}
ipp_attribute_t *ippFindAttribute(ipp_t *ipp, const char *name, ipp_tag_t value_tag) {
    return REAL(ippFindAttribute) ? real_ippFindAttribute(ipp, name, value_tag) : NULL;
}
int ippGetBoolean(ipp_attribute_t *attr, int element) {
    return REAL(ippGetBoolean) ? real_ippGetBoolean(attr, element) : 0;
}
int ippGetCount(ipp_attribute_t *attr) {
    return REAL(ippGetCount) ? real_ippGetCount(attr) : 0;
}
int ippGetInteger(ipp_attribute_t *attr, int element) {
    return REAL(ippGetInteger) ? real_ippGetInteger(attr, element) : 0;
}
ipp_status_t ippGetStatusCode(ipp_t *ipp) {
    return REAL(ippGetStatusCode) ? real_ippGetStatusCode(ipp) : IPP_STATUS_ERROR_INTERNAL;
}
const char *ippGetString(ipp_attribute_t *attr, int element, const char **language) {
    return REAL(ippGetString) ? real_ippGetString(attr, element, language) : NULL;
}
ipp_t *ippNewRequest(ipp_op_t op) {
    return REAL(ippNewRequest) ? real_ippNewRequest(op) : NULL;
}
int ippPort(void) {
    return REAL(ippPort) ? real_ippPort() : 631;
}
