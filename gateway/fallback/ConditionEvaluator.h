#pragma once

// A step's conditions compiled once per config (regexes built, lists split,
// numbers parsed), then evaluated per request without allocation-heavy work.
//
// Semantics:
//  - Header/Consumer/Tier/Method/Model compare text; Method case-insensitive.
//    A missing header equals nothing (Equals/Regex/In fail, NotEquals holds).
//  - Regex is a search (not anchored) unless the pattern anchors itself.
//  - In: the value is a comma-separated list.
//  - Stream: Equals/NotEquals against "true"/"false".
//  - PromptTokens: LessThan/GreaterThan/Equals/NotEquals against a number;
//    an unknown estimate satisfies no bound (the step is skipped).
//  - TimeWindow: Equals = inside the window, NotEquals = outside. The days
//    mask names the day a window STARTS (bit 0 = Monday), so "Fri 22:00 to
//    06:00" covers Saturday 03:00. from == to means the whole day.
// Compiled conditions are immutable: any thread may evaluate them.

#include "config/Config.h"
#include "core/Result.h"
#include "fallback/RequestFacts.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QStringList>

#include <optional>
#include <vector>

namespace understudy {

class ConditionEvaluator final
{
public:
    ConditionEvaluator() = default;
    // No conditions: the step always runs (callers skip building facts).
    bool isEmpty() const { return m_conditions.empty(); }
    static Result<ConditionEvaluator> compile(const std::vector<Condition> &conditions);

    bool empty() const { return m_conditions.empty(); }
    // Index of the first condition that does not hold; nullopt when all hold.
    std::optional<int> firstFailing(const RequestFacts &facts, const QDateTime &wallNow) const;
    bool holds(const RequestFacts &facts, const QDateTime &wallNow) const
    {
        return !firstFailing(facts, wallNow).has_value();
    }

private:
    struct Compiled
    {
        Condition condition;
        QRegularExpression regex;
        QStringList list;
        qint64 number = 0;
    };

    bool holds(const Compiled &compiled, const RequestFacts &facts, const QDateTime &wallNow) const;

    std::vector<Compiled> m_conditions;
};

// Human-readable one-liner for trails and the designer, e.g. "header x-tier = gold".
QString describeCondition(const Condition &condition);

} // namespace understudy
