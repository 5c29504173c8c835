// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef CLIUTILS_H
#define CLIUTILS_H

#include <dustclient.h>
#include <dustentry.h>
#include <dusterror.h>
#include <duststoreevent.h>

#include <QtCore/qcoreapplication.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qjsonvalue.h>

#include <cstdio>
#include <optional>

// Output, exit codes and signals of the dust command-line tool.
namespace Dust::Cli {

enum ExitCode { Ok = 0, Failed = 1, Usage = 2 };

// The signal that stopped the tool, 0 while none did. Its exit status is
// 128 + the signal's number, as a shell reports it.
extern int stopSignal;

// The tool's texts share one translation context (lupdate cannot place a
// free tr() function).
struct CliText
{
    Q_DECLARE_TR_FUNCTIONS(Dust::Cli)
};

void printLine(const QByteArray &line, FILE *stream = stdout);
void printJson(const QJsonValue &value);
// Prints "dust: <message>" on stderr and gives the exit code.
int fail(const QString &message, int code = Failed);
int fail(const Dust::Error &error);
std::optional<QJsonValue> parseJson(const QString &text);
QString statusName(Dust::Client::Status status);
QJsonObject entryJson(const Dust::Entry &entry);
QJsonObject eventJson(const Dust::StoreEvent &e);

// SIGINT and SIGTERM end every command at any stage: each ends every
// running event loop and sets stopSignal.
bool installSignalHandlers();

} // namespace Dust::Cli

#endif // CLIUTILS_H
