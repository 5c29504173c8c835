// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTCBOR_P_H
#define DUSTCBOR_P_H

#include <dustprivateapi_p.h>

//
//  W A R N I N G
//  -------------
//
// This file is not part of the DustQt API. It may change without notice.
//

#include <QtCore/qglobal.h>

namespace Dust::Cbor {

// The CBOR head of an item of `major` type with argument `n` (RFC 8949
// §3), written as QCborValue writes it: the shortest form. Shared by the
// value model's leaf encoding and the event frame reader, which must
// produce the same bytes.
template<typename Out>
void appendHead(Out &out, quint8 major, quint64 n)
{
    const auto argument = [&](quint8 info, int bytes) {
        out.append(char((major << 5) | info));
        for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8)
            out.append(char((n >> shift) & 0xff));
    };
    if (n < 24)
        out.append(char((major << 5) | n));
    else if (n <= 0xff)
        argument(24, 1);
    else if (n <= 0xffff)
        argument(25, 2);
    else if (n <= 0xffffffffu)
        argument(26, 4);
    else
        argument(27, 8);
}

} // namespace Dust::Cbor

#endif // DUSTCBOR_P_H
