#ifndef LEAKWATCH_COPENSSL_SHIM_H
#define LEAKWATCH_COPENSSL_SHIM_H

#include <openssl/evp.h>
#include <openssl/hmac.h>

#endif
