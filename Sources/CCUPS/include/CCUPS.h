#ifndef KASIR_CCUPS_H
#define KASIR_CCUPS_H
// libcups's declarations, from Debian's libcups2-dev. Kasir does not link libcups: the
// functions it uses are defined in cups_lazy.c, which loads libcups.so.2 the first time one is
// called, so a command that never prints does not pay for loading libcups and the thirty
// libraries it pulls in (GnuTLS, Kerberos, Avahi, D-Bus) at every start.
#include <cups/cups.h>
#include <cups/ipp.h>
#include <cups/http.h>
#endif
