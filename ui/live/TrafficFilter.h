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
//   "timeout"  or  timeout    (free text in path, request id, served-by,
//                              route and the outcome class names)
// Errors name the offending term and its position.

#include "core/Result.h"
#include "fallback/AttemptTrail.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace understudy {

class TrafficFilter final
{
public:
    enum class Field { Status, Route, Served, Method, Outcome, Fallback, Duration, Ttft, Text };
    enum class Op { Contains, Equal, Greater, GreaterEqual, Less, LessEqual };

    struct Term
    {
        Field field = Field::Text;
        Op op = Op::Contains;
        bool negated = false;
        QString text;          // lower-cased for text fields
        qint64 number = 0;     // status, milliseconds, or fallback (1 = yes)
        qint64 numberHigh = 0; // status:5xx -> [500, 599]
        bool isRange = false;
    };

    TrafficFilter() = default;

    // An empty or blank expression is a filter that matches everything.
    static Result<TrafficFilter> parse(const QString &expression);
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
