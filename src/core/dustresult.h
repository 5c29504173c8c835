// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTRESULT_H
#define DUSTRESULT_H

#include <dusterror.h>

#include <optional>
#include <utility>
#include <variant>

namespace Dust {

/// Either a value of type T or an Error, in the spirit of C++23's
/// std::expected. DustQt returns these instead of throwing.
///
/// \code
/// Dust::Result<Dust::Glob> glob = Dust::Glob::compile(u"posts/*");
/// if (!glob)
///     return glob.error();
/// if (glob->matches(path))
///     ...
/// \endcode
template<typename T>
class Result
{
public:
    using value_type = T;

    Result(const T &value) : m_data(std::in_place_index<0>, value) { }
    Result(T &&value) : m_data(std::in_place_index<0>, std::move(value)) { }
    Result(const Error &error) : m_data(std::in_place_index<1>, error) { }
    Result(Error &&error) : m_data(std::in_place_index<1>, std::move(error)) { }

    bool hasValue() const { return m_data.index() == 0; }
    explicit operator bool() const { return hasValue(); }

    T &value() & { return std::get<0>(m_data); }
    const T &value() const & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    T valueOr(T fallback) const { return hasValue() ? value() : std::move(fallback); }

    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    /// The error; a null Error when the result holds a value.
    Error error() const { return hasValue() ? Error() : std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

template<>
class Result<void>
{
public:
    using value_type = void;

    Result() = default;
    Result(const Error &error) : m_error(error) { }

    bool hasValue() const { return m_error.isNull(); }
    explicit operator bool() const { return hasValue(); }
    Error error() const { return m_error; }

private:
    Error m_error;
};

} // namespace Dust

#endif // DUSTRESULT_H
