// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// dust-links-widgets: the Links demo as a widgets window.
//
//   dust-links-widgets [--url ws://host:port/ws/sync --token T] [--store org/name] [--data-dir DIR]
//
// Without --url it starts an embedded Dust server on a free 127.0.0.1 port.

#include "linkswindow.h"

#include <linksstartup.h>

#include <QtWidgets/qapplication.h>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    auto started = DustLinks::LinksStartup::run(u"dust-links-widgets"_s);
    if (const int *exitCode = std::get_if<int>(&started))
        return *exitCode;
    const DustLinks::LinksBackend &backend = *std::get<std::unique_ptr<DustLinks::LinksBackend>>(started);

    DustLinks::LinksWindow window(backend.url(), backend.token(), backend.store(), backend.description());
    window.show();
    return app.exec();
}
