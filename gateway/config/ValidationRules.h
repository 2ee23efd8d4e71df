#pragma once

// Internal to validation: the issue collector and the small checks that
// both halves (Validation.cpp: listeners, providers, routes, limits;
// ValidationChains.cpp: chains, steps, conditions) share.

#include "config/Config.h"
#include "config/Validation.h"

#include <QString>

#include <vector>

namespace understudy {

class IssueCollector final
{
public:
    void error(const QString &path, const QString &message);
    void warning(const QString &path, const QString &message);
    std::vector<ValidationIssue> take() { return std::move(m_issues); }

private:
    std::vector<ValidationIssue> m_issues;
};

// RFC 9110 token (header names, methods).
bool isHttpToken(const QString &text);
// Names of providers, chains, routes, listeners: they appear in paths,
// metrics labels and response headers, so they stay plain.
bool isSafeName(const QString &name);
QString safeNameRule();
// Empty when `pattern` compiles as a QRegularExpression, else the reason.
QString regexError(const QString &pattern);
// `prefix[name]` for named elements, `prefix[index]` when the name is empty
// (the same scheme the JSON import uses in its errors).
QString namedPath(const QString &prefix, const QString &name, std::size_t index);
QString indexPath(const QString &prefix, std::size_t index);

// Checks names: non-empty, safe characters, unique within `kind`.
template<typename Item>
void validateNames(const std::vector<Item> &items, const QString &prefix, const QString &kind, IssueCollector &out);

void validateChains(const Config &config, IssueCollector &out);

} // namespace understudy
