// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef CLICOMMANDS_H
#define CLICOMMANDS_H

#include "clisession.h"

#include <QtCore/qcommandlineparser.h>
#include <QtCore/qstringlist.h>

namespace Dust::Cli {

// What a command's handler works with: its arguments (the store first), its
// options and the not yet opened session.
struct Invocation
{
    QStringList args;
    const QCommandLineParser &parser;
    Session &session;

    Dust::Store *store() const { return session.store(); }
    QString value(const QString &option) const { return parser.value(option); }
};

// One command of the tool: its name, its help and the function that runs it.
struct Command
{
    const char *name;
    const char *arguments;
    const char *description;
    int minArgs;
    int maxArgs; // -1: no limit
    int (*run)(Invocation &);
    void (*addOptions)(QCommandLineParser &) = nullptr;
};

// The command of this name, nullptr for none.
const Command *findCommand(const QString &name);
// "Commands:" and a line of arguments and one of help per command.
QString commandList();

} // namespace Dust::Cli

#endif // CLICOMMANDS_H
