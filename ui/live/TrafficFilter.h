#pragma once

// The Traffic page's filter expression, parsed once and matched against
// every request trail (on the GUI thread, by TrafficProxyModel).
//
// Terms are separated by spaces and all must hold (AND); a leading '-'
// negates a term:
//   status>=500  status:429  status:5xx   (ops : = > >= < <=)
//   route:chat   served:anthropic  method:post   (case-insensitive substring)
//   outcome:status_5xx   (the final outcome or any attempt's outcome class)
//   fallback:yes|no      (answered after moving past at least one step)
//   duration>2s  ttft>500ms   (units ms, s, m; a bare number is ms)
//   target:openai        (any attempt's target or the served-by text)
//   after:14:05  before:14:10:30   (started at or after / before; the time
//                        is HH:MM[:SS] today in local time, an ISO 8601
//                        date-time, or milliseconds since the epoch)
//   "timeout"  or  timeout    (free text in path, request id, served-by,
//                              route and the outcome class names)
// Errors name the offending term and its position.

#include "core/Result.h"
#include "fallback/AttemptTrail.h"

#include <QDate>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace understudy {

class TrafficFilter final
{
public:
    enum class Field { Status, Route, Served, Method, Outcome, Fallback, Duration, Ttft, Target, After, Before, Text };
    enum class Op { Contains, Equal, Greater, GreaterEqual, Less, LessEqual };

    struct Term
    {
        Field field = Field::Text;
        Op op = Op::Contains;
        bool negated = false;
        QString text;          // lower-cased for text fields
        qint64 number = 0;     // status, milliseconds, epoch ms, or fallback (1 = yes)
        qint64 numberHigh = 0; // status:5xx -> [500, 599]
        bool isRange = false;
    };

    TrafficFilter() = default;

    // An empty or blank expression is a filter that matches everything.
    static Result<TrafficFilter> parse(const QString &expression);
    // The same, with "today" for HH:MM times given (tests pin it).
    static Result<TrafficFilter> parse(const QString &expression, const QDate &today);
    // after:/before: values -> ms since the epoch; nullopt when not a time.
    static std::optional<qint64> parseTime(const QString &value, const QDate &today);
    // Keys for completion ("status:", "route:", ...).
    static QStringList completionKeys();

    bool isEmpty() const { return m_terms.empty(); }
    bool matches(const RequestTrail &trail) const;
    const std::vector<Term> &terms() const { return m_terms; }

private:
    static bool matchesTerm(const Term &term, const RequestTrail &trail);

    std::vector<Term> m_terms;
};

} // namespace understudy
