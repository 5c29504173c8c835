// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustop.h"

#include <array>

namespace Dust {

namespace {

constexpr std::array<std::pair<Op::Kind, QStringView>, 10> opNames{{
    {Op::Kind::Set, u"set"},
    {Op::Kind::Delete, u"delete"},
    {Op::Kind::Merge, u"merge"},
    {Op::Kind::Increment, u"increment"},
    {Op::Kind::Add, u"add"},
    {Op::Kind::Remove, u"remove"},
    {Op::Kind::PutFile, u"put_file"},
    {Op::Kind::Lease, u"lease"},
    {Op::Kind::Renew, u"renew"},
    {Op::Kind::Release, u"release"},
}};

} // namespace

QString Op::name(Kind kind)
{
    for (const auto &[k, name] : opNames) {
        if (k == kind)
            return name.toString();
    }
    return {};
}

std::optional<Op::Kind> Op::fromName(QStringView name)
{
    for (const auto &[k, n] : opNames) {
        if (n == name)
            return k;
    }
    return std::nullopt;
}

} // namespace Dust
