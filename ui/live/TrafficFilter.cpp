#include "TrafficFilter.h"

#include "config/Outcome.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTime>

namespace understudy {

namespace {

struct Token
{
    int position = 0; // 1-based column for messages
    bool negated = false;
    bool quoted = false; // the whole term was a quoted string
    QString key;         // empty for free text
    QString op;
    QString value;
};

QString tr(const char *text)
{
    return QCoreApplication::translate("understudy::TrafficFilter", text);
}

Error syntaxError(int position, const QString &message)
{
    return Error{QStringLiteral("bad_filter"), tr("Column %1: %2").arg(position).arg(message)};
}

bool isOpChar(QChar c)
{
    return c == u':' || c == u'=' || c == u'>' || c == u'<';
}

// Splits on unquoted spaces; "..." may hold spaces and appears either as a
// whole term or as a value after the operator.
Result<std::vector<Token>> tokenize(const QString &s)
{
    std::vector<Token> tokens;
    qsizetype i = 0;
    const qsizetype n = s.size();
    while (i < n) {
        if (s[i].isSpace()) {
            ++i;
            continue;
        }
        Token t;
        t.position = int(i) + 1;
        if (s[i] == u'-') {
            t.negated = true;
            ++i;
            if (i >= n || s[i].isSpace())
                return syntaxError(t.position, tr("'-' must be followed by a term"));
        }
        auto readQuoted = [&](QString &out) -> bool {
            ++i; // opening quote
            while (i < n && s[i] != u'"')
                out += s[i++];
            if (i >= n)
                return false;
            ++i; // closing quote
            return true;
        };
        if (s[i] == u'"') {
            t.quoted = true;
            if (!readQuoted(t.value))
                return syntaxError(t.position, tr("missing closing quote"));
            if (i < n && !s[i].isSpace())
                return syntaxError(int(i) + 1, tr("expected a space after the quoted text"));
            tokens.push_back(std::move(t));
            continue;
        }
        while (i < n && !s[i].isSpace() && !isOpChar(s[i]) && s[i] != u'"')
            t.key += s[i++];
        if (i < n && isOpChar(s[i])) {
            while (i < n && isOpChar(s[i]))
                t.op += s[i++];
            if (i < n && s[i] == u'"') {
                if (!readQuoted(t.value))
                    return syntaxError(t.position, tr("missing closing quote"));
            } else {
                while (i < n && !s[i].isSpace())
                    t.value += s[i++];
            }
        } else if (i < n && s[i] == u'"') {
            return syntaxError(int(i) + 1, tr("unexpected quote"));
        } else {
            // A bare word is free text.
            t.value = t.key;
            t.key.clear();
        }
        tokens.push_back(std::move(t));
    }
    return tokens;
}

std::optional<TrafficFilter::Op> parseOp(const QString &op)
{
    using Op = TrafficFilter::Op;
    if (op == u":" || op == u"=")
        return Op::Equal;
    if (op == u">")
        return Op::Greater;
    if (op == u">=")
        return Op::GreaterEqual;
    if (op == u"<")
        return Op::Less;
    if (op == u"<=")
        return Op::LessEqual;
    return std::nullopt;
}

// "250", "250ms", "2s", "1.5s", "1m" -> milliseconds.
std::optional<qint64> parseDuration(QString v)
{
    v = v.toLower();
    double scale = 1;
    if (v.endsWith(u"ms")) {
        v.chop(2);
    } else if (v.endsWith(u's')) {
        v.chop(1);
        scale = 1000;
    } else if (v.endsWith(u'm')) {
        v.chop(1);
        scale = 60000;
    }
    bool ok = false;
    const double d = v.toDouble(&ok);
    if (!ok || d < 0)
        return std::nullopt;
    return qint64(d * scale + 0.5);
}

bool compare(TrafficFilter::Op op, qint64 value, qint64 wanted)
{
    using Op = TrafficFilter::Op;
    switch (op) {
    case Op::Equal:
        return value == wanted;
    case Op::Greater:
        return value > wanted;
    case Op::GreaterEqual:
        return value >= wanted;
    case Op::Less:
        return value < wanted;
    case Op::LessEqual:
        return value <= wanted;
    case Op::Contains:
        break;
    }
    return false;
}

bool containsCi(const QString &haystack, const QString &lowerNeedle)
{
    return haystack.contains(lowerNeedle, Qt::CaseInsensitive);
}

} // namespace

QStringList TrafficFilter::completionKeys()
{
    return {QStringLiteral("status:"),      QStringLiteral("status>="),    QStringLiteral("route:"),
            QStringLiteral("served:"),      QStringLiteral("method:"),     QStringLiteral("outcome:"),
            QStringLiteral("fallback:yes"), QStringLiteral("fallback:no"), QStringLiteral("duration>"),
            QStringLiteral("ttft>"),        QStringLiteral("target:"),     QStringLiteral("after:"),
            QStringLiteral("before:")};
}

std::optional<qint64> TrafficFilter::parseTime(const QString &value, const QDate &today)
{
    bool isNumber = false;
    const qint64 epochMs = value.toLongLong(&isNumber);
    if (isNumber)
        return epochMs >= 0 ? std::optional<qint64>(epochMs) : std::nullopt;
    for (const auto *format : {"HH:mm:ss", "HH:mm", "H:mm:ss", "H:mm"}) {
        const QTime time = QTime::fromString(value, QLatin1String(format));
        if (time.isValid())
            return QDateTime(today, time).toMSecsSinceEpoch();
    }
    for (const auto format : {Qt::ISODateWithMs, Qt::ISODate}) {
        const QDateTime at = QDateTime::fromString(value, format);
        if (at.isValid())
            return at.toMSecsSinceEpoch();
    }
    return std::nullopt;
}

Result<TrafficFilter> TrafficFilter::parse(const QString &expression)
{
    return parse(expression, QDate::currentDate());
}

Result<TrafficFilter> TrafficFilter::parse(const QString &expression, const QDate &today)
{
    auto tokens = tokenize(expression);
    if (!tokens)
        return tokens.error();
    TrafficFilter filter;
    for (const Token &t : *tokens) {
        Term term;
        term.negated = t.negated;
        if (t.key.isEmpty() && t.op.isEmpty()) {
            if (t.value.isEmpty())
                return syntaxError(t.position, tr("empty text"));
            term.field = Field::Text;
            term.op = Op::Contains;
            term.text = t.value.toLower();
            filter.m_terms.push_back(std::move(term));
            continue;
        }
        const QString key = t.key.toLower();
        const auto op = parseOp(t.op);
        if (key.isEmpty())
            return syntaxError(t.position, tr("missing key before '%1'").arg(t.op));
        if (!op)
            return syntaxError(t.position, tr("unknown operator '%1'").arg(t.op));
        if (t.value.isEmpty())
            return syntaxError(t.position, tr("'%1' needs a value").arg(t.key + t.op));
        term.op = *op;
        const bool textOp = *op == Op::Equal; // ':' and '=' only
        if (key == u"status") {
            term.field = Field::Status;
            const QString v = t.value.toLower();
            if (v.size() == 3 && v.endsWith(u"xx") && v[0] >= u'1' && v[0] <= u'5') {
                if (!textOp)
                    return syntaxError(t.position, tr("a status class like %1 only works with ':'").arg(v));
                term.isRange = true;
                term.number = (v[0].unicode() - u'0') * 100;
                term.numberHigh = term.number + 99;
            } else {
                bool ok = false;
                term.number = t.value.toInt(&ok);
                if (!ok || term.number < 0 || term.number > 999)
                    return syntaxError(t.position, tr("'%1' is not an HTTP status").arg(t.value));
            }
        } else if (key == u"route" || key == u"served" || key == u"method") {
            if (!textOp)
                return syntaxError(t.position, tr("'%1' only supports ':'").arg(key));
            term.field = key == u"route" ? Field::Route : key == u"served" ? Field::Served : Field::Method;
            term.op = Op::Contains;
            term.text = t.value.toLower();
        } else if (key == u"outcome") {
            if (!textOp)
                return syntaxError(t.position, tr("'outcome' only supports ':'"));
            const auto outcome = outcomeClassFromName(t.value.toLower());
            if (!outcome)
                return syntaxError(t.position, tr("unknown outcome class '%1'").arg(t.value));
            term.field = Field::Outcome;
            term.number = qint64(*outcome);
        } else if (key == u"fallback") {
            if (!textOp)
                return syntaxError(t.position, tr("'fallback' only supports ':'"));
            const QString v = t.value.toLower();
            if (v != u"yes" && v != u"no")
                return syntaxError(t.position, tr("fallback is 'yes' or 'no', not '%1'").arg(t.value));
            term.field = Field::Fallback;
            term.number = v == u"yes" ? 1 : 0;
        } else if (key == u"duration" || key == u"ttft") {
            term.field = key == u"duration" ? Field::Duration : Field::Ttft;
            const auto ms = parseDuration(t.value);
            if (!ms)
                return syntaxError(t.position, tr("'%1' is not a duration (e.g. 500ms, 2s)").arg(t.value));
            term.number = *ms;
        } else if (key == u"target") {
            if (!textOp)
                return syntaxError(t.position, tr("'target' only supports ':'"));
            term.field = Field::Target;
            term.op = Op::Contains;
            term.text = t.value.toLower();
        } else if (key == u"after" || key == u"before") {
            if (!textOp)
                return syntaxError(t.position, tr("'%1' only supports ':'").arg(key));
            const auto at = parseTime(t.value, today);
            if (!at)
                return syntaxError(t.position, tr("'%1' is not a time (HH:MM[:SS], an ISO 8601 date-time "
                                                  "or epoch milliseconds)")
                                                   .arg(t.value));
            term.field = key == u"after" ? Field::After : Field::Before;
            term.number = *at;
        } else {
            return syntaxError(t.position, tr("unknown key '%1' (status, route, served, method, outcome, "
                                              "fallback, duration, ttft, target, after, before)")
                                               .arg(t.key));
        }
        filter.m_terms.push_back(std::move(term));
    }
    return filter;
}

bool TrafficFilter::matches(const RequestTrail &trail) const
{
    for (const Term &term : m_terms) {
        if (matchesTerm(term, trail) == term.negated)
            return false;
    }
    return true;
}

bool TrafficFilter::matchesTerm(const Term &term, const RequestTrail &trail)
{
    switch (term.field) {
    case Field::Status:
        if (term.isRange)
            return trail.status >= term.number && trail.status <= term.numberHigh;
        return compare(term.op, trail.status, term.number);
    case Field::Route:
        return containsCi(trail.route, term.text) || containsCi(trail.path, term.text);
    case Field::Served:
        return containsCi(trail.servedBy, term.text);
    case Field::Method:
        return containsCi(trail.method, term.text);
    case Field::Outcome: {
        const auto wanted = OutcomeClass(term.number);
        if (trail.outcome == wanted)
            return true;
        for (const AttemptRecord &a : trail.attempts)
            if (a.outcome == wanted)
                return true;
        return false;
    }
    case Field::Fallback:
        return (trail.fallbackDepth > 0) == (term.number == 1);
    case Field::Duration:
        return compare(term.op, trail.durationMs, term.number);
    case Field::Ttft:
        return trail.ttftMs >= 0 && compare(term.op, trail.ttftMs, term.number);
    case Field::Target:
        if (containsCi(trail.servedBy, term.text))
            return true;
        for (const AttemptRecord &a : trail.attempts)
            if (containsCi(a.target, term.text))
                return true;
        return false;
    case Field::After:
        return trail.startedAtMs >= term.number;
    case Field::Before:
        return trail.startedAtMs < term.number;
    case Field::Text: {
        if (containsCi(trail.path, term.text) || containsCi(QString::fromLatin1(trail.requestId), term.text) ||
            containsCi(trail.servedBy, term.text) || containsCi(trail.route, term.text) ||
            containsCi(outcomeClassName(trail.outcome), term.text))
            return true;
        for (const AttemptRecord &a : trail.attempts)
            if (containsCi(outcomeClassName(a.outcome), term.text))
                return true;
        return false;
    }
    }
    return false;
}

} // namespace understudy
