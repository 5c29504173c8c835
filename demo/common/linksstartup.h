// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef LINKSSTARTUP_H
#define LINKSSTARTUP_H

#include "linksbackend.h"

#include <QtCore/qcoreapplication.h>
#include <QtCore/qstring.h>

#include <memory>
#include <variant>

namespace DustLinks {

/*!
    What both Links demos do before they show a window, once the application
    object exists: the application's names and version, the language (--lang,
    else the system's), the command line (--help and --version print and exit
    there), and the started backend, whose description is printed.

    \code
    QGuiApplication app(argc, argv);
    auto started = DustLinks::LinksStartup::run(u"dust-links"_s);
    if (const int *exitCode = std::get_if<int>(&started))
        return *exitCode;
    const auto &backend = std::get<std::unique_ptr<DustLinks::LinksBackend>>(started);
    \endcode
*/
class LinksStartup
{
    Q_DECLARE_TR_FUNCTIONS(DustLinks::LinksStartup)

public:
    // The running backend, or the exit code for a bad command line (2) or
    // an embedded server that did not start (1); the reason is on stderr.
    static std::variant<std::unique_ptr<LinksBackend>, int> run(const QString &applicationName);
};

} // namespace DustLinks

#endif // LINKSSTARTUP_H
