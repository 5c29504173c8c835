// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "sourcescan.h"

#include <QtCore/qdir.h>
#include <QtCore/qdiriterator.h>
#include <QtCore/qregularexpression.h>

using namespace Qt::StringLiterals;

namespace SourceScan {

QStringList sourceFiles(const QString &root, const QString &dir, const QStringList &filters)
{
    QStringList files;
    const QDir base(root);
    QDirIterator it(base.filePath(dir), filters, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        files << base.relativeFilePath(it.next());
    files.sort();
    return files;
}

namespace {

// Blanks `text[from, to)` except for its line breaks.
void blank(QString &text, qsizetype from, qsizetype to)
{
    for (qsizetype i = from; i < to && i < text.size(); ++i) {
        if (text[i] != u'\n')
            text[i] = u' ';
    }
}

// The end of the literal or comment starting at `i`, or -1 when none does.
qsizetype skipNonCode(const QString &text, qsizetype i)
{
    const QStringView rest = QStringView(text).mid(i);
    if (rest.startsWith(u"//"))
        return text.indexOf(u'\n', i) < 0 ? text.size() : text.indexOf(u'\n', i);
    if (rest.startsWith(u"/*")) {
        const qsizetype end = text.indexOf(u"*/", i + 2);
        return end < 0 ? text.size() : end + 2;
    }
    if (rest.startsWith(u"R\"")) {
        const qsizetype open = text.indexOf(u'(', i);
        const QString close = u')' + text.mid(i + 2, open - i - 2) + u'"';
        const qsizetype end = text.indexOf(close, open);
        return end < 0 ? text.size() : end + close.size();
    }
    const QChar c = text[i];
    if (c != u'"' && c != u'\'')
        return -1;
    // A digit separator (1'000) is not a character literal.
    if (c == u'\'' && i > 0 && text[i - 1].isLetterOrNumber())
        return -1;
    qsizetype j = i + 1;
    while (j < text.size() && text[j] != c && text[j] != u'\n')
        j += text[j] == u'\\' ? 2 : 1;
    return j + 1;
}

} // namespace

QString codeOnly(const QString &text)
{
    QString code = text;
    bool lineStart = true;
    for (qsizetype i = 0; i < code.size();) {
        const QChar c = code[i];
        if (lineStart && c == u'#') {
            qsizetype end = i;
            while (end < code.size() && code[end] != u'\n')
                end += code[end] == u'\\' ? 2 : 1;
            blank(code, i, end);
            i = end;
            continue;
        }
        if (c == u'\n')
            lineStart = true;
        else if (!c.isSpace())
            lineStart = false;
        const qsizetype end = skipNonCode(code, i);
        if (end < 0) {
            ++i;
            continue;
        }
        blank(code, i, end);
        i = end;
    }
    return code;
}

namespace {

enum class Scope { Names, Function, Data };

Scope scopeOf(const QString &header)
{
    static const QRegularExpression scopeKeyword(
        uR"(\b(namespace|class|struct|union|enum|extern)\b)"_s);
    const QString trimmed = header.trimmed();
    if (trimmed.endsWith(u'=') || trimmed.endsWith(u']') || trimmed.endsWith(u','))
        return Scope::Data;
    // A macro call may come before the keyword (Q_LOGGING_CATEGORY(...) has no ';').
    if (scopeKeyword.match(trimmed.mid(trimmed.lastIndexOf(u')') + 1)).hasMatch())
        return Scope::Names;
    return Scope::Function;
}

QString nameOf(const QString &header)
{
    static const QRegularExpression call(uR"(([~\w:]+)\s*\()"_s);
    const QRegularExpressionMatch m = call.match(header);
    return m.hasMatch() ? m.captured(1) : QString();
}

} // namespace

QList<Function> functions(const QString &text)
{
    const QString code = codeOnly(text);
    QList<Function> found;
    QList<Scope> scopes;
    QString header;
    QString lastName;
    int line = 1;
    int functionDepth = 0;
    Function current;
    for (const QChar c : code) {
        if (c == u'\n')
            ++line;
        if (functionDepth > 0) {
            if (c == u'{') {
                ++functionDepth;
            } else if (c == u'}' && --functionDepth == 0) {
                current.length = line - current.line + 1;
                found << current;
                header.clear();
            }
            continue;
        }
        if (c == u'{') {
            const bool inData = !scopes.isEmpty() && scopes.last() == Scope::Data;
            const Scope scope = inData ? Scope::Data : scopeOf(header);
            if (scope == Scope::Function) {
                // After a braced member initializer, the rest of the list
                // and the body still belong to the constructor.
                const bool initializerList = header.trimmed().startsWith(u',');
                const QString name = initializerList ? QString() : nameOf(header);
                current = {name.isEmpty() ? lastName : name, line, 0};
                lastName = current.name;
                functionDepth = 1;
            } else {
                scopes << scope;
            }
            header.clear();
        } else if (c == u'}') {
            if (!scopes.isEmpty())
                scopes.removeLast();
            header.clear();
        } else if (c == u';') {
            header.clear();
        } else {
            header += c;
        }
    }
    return found;
}

} // namespace SourceScan
