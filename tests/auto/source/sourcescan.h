// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef SOURCESCAN_H
#define SOURCESCAN_H

#include <QtCore/qlist.h>
#include <QtCore/qstring.h>

namespace SourceScan {

// A function body found in a C++ file: where it starts and how many lines
// it spans, from the line of its opening brace to that of its closing one.
struct Function
{
    QString name;
    int line = 0;
    int length = 0;
};

// The files under `dir` (recursively) whose names match `filters` (by
// default C++ sources and headers), as paths relative to `root`, sorted.
QStringList sourceFiles(const QString &root, const QString &dir,
                        const QStringList &filters = {QStringLiteral("*.cpp"), QStringLiteral("*.h")});

// `text` with comments, string and character literals and preprocessor
// lines blanked out; line breaks stay where they were.
QString codeOnly(const QString &text);

// The outermost function bodies of `text` (lambdas and local classes count
// towards the function they are in). A brace-matching scan, not a parser:
// braces at namespace or class scope open a function when their header has
// a parenthesis, a data table when it ends in '=', and a scope otherwise.
QList<Function> functions(const QString &text);

} // namespace SourceScan

#endif // SOURCESCAN_H
