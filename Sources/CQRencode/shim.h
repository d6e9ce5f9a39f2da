// libqrencode's declarations, from Debian's libqrencode-dev (`apt-get install libqrencode-dev`).
#include <qrencode.h>
