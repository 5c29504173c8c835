// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef FUZZCHECK_H
#define FUZZCHECK_H

#include <QtCore/qdebug.h>
#include <QtCore/qstring.h>

#include <cstdio>
#include <cstdlib>

namespace Fuzz {

// Prints what broke and aborts: libFuzzer reports the abort as a crash and
// saves the input, and the message says which property failed and why.
template<typename... Parts>
[[noreturn]] void fail(const char *condition, const char *file, int line, const Parts &...parts)
{
    QString text;
    {
        QDebug debug(&text);
        debug.nospace();
        ((debug << parts << ' '), ...);
    }
    std::fprintf(stderr, "\n%s:%d: property violated: %s\n%s\n", file, line, condition,
                 text.toUtf8().constData());
    std::fflush(stderr);
    std::abort();
}

} // namespace Fuzz

// FUZZ_CHECK(condition, details...): the details are anything QDebug prints.
#define FUZZ_CHECK(condition, ...)                                                    \
    do {                                                                              \
        if (!(condition))                                                             \
            ::Fuzz::fail(#condition, __FILE__, __LINE__ __VA_OPT__(, ) __VA_ARGS__);  \
    } while (false)

#endif // FUZZCHECK_H
