#include "fallback/ConditionEvaluator.h"

namespace understudy {

namespace {

bool textHolds(ConditionOp op, const std::optional<QString> &actual, const QString &value,
               const QRegularExpression &regex, const QStringList &list, Qt::CaseSensitivity cs)
{
    switch (op) {
    case ConditionOp::Equals:
        return actual && actual->compare(value, cs) == 0;
    case ConditionOp::NotEquals:
        return !actual || actual->compare(value, cs) != 0;
    case ConditionOp::Regex:
        return actual && regex.match(*actual).hasMatch();
    case ConditionOp::In:
        return actual && list.contains(*actual, cs);
    case ConditionOp::LessThan:
    case ConditionOp::GreaterThan:
        return false; // not meaningful for text; validation rejects it
    }
    return false;
}

bool numberHolds(ConditionOp op, qint64 actual, qint64 bound)
{
    if (actual < 0)
        return false;
    switch (op) {
    case ConditionOp::LessThan:
        return actual < bound;
    case ConditionOp::GreaterThan:
        return actual > bound;
    case ConditionOp::Equals:
        return actual == bound;
    case ConditionOp::NotEquals:
        return actual != bound;
    default:
        return false;
    }
}

bool insideWindow(const Condition &condition, const QDateTime &wallNow)
{
    const QDateTime local = condition.utc ? wallNow.toUTC() : wallNow.toLocalTime();
    const int minute = local.time().hour() * 60 + local.time().minute();
    const int today = local.date().dayOfWeek() - 1; // 0 = Monday
    const int yesterday = (today + 6) % 7;
    auto dayOn = [&](int day) { return (condition.days >> day) & 1; };
    const int from = condition.fromMinute;
    const int to = condition.toMinute;
    if (from == to)
        return dayOn(today);
    if (from < to)
        return dayOn(today) && minute >= from && minute < to;
    // Wraps midnight: the evening part belongs to today, the morning part to the day before.
    return (dayOn(today) && minute >= from) || (dayOn(yesterday) && minute < to);
}

} // namespace

Result<ConditionEvaluator> ConditionEvaluator::compile(const std::vector<Condition> &conditions)
{
    ConditionEvaluator evaluator;
    for (std::size_t i = 0; i < conditions.size(); ++i) {
        Compiled compiled;
        compiled.condition = conditions[i];
        const Condition &c = conditions[i];
        const QString where = QStringLiteral("conditions[%1]").arg(i);
        if (c.op == ConditionOp::Regex) {
            compiled.regex =
                QRegularExpression(c.value, c.kind == ConditionKind::Method ? QRegularExpression::CaseInsensitiveOption
                                                                            : QRegularExpression::NoPatternOption);
            if (!compiled.regex.isValid())
                return Error{QStringLiteral("invalid_config"),
                             where % QStringLiteral(": invalid regular expression: ") % compiled.regex.errorString()};
            compiled.regex.optimize();
        }
        if (c.op == ConditionOp::In) {
            for (const QString &item : c.value.split(u',', Qt::SkipEmptyParts))
                compiled.list << item.trimmed();
        }
        if (c.kind == ConditionKind::PromptTokens) {
            bool ok = false;
            compiled.number = c.value.trimmed().toLongLong(&ok);
            if (!ok)
                return Error{QStringLiteral("invalid_config"),
                             where % QStringLiteral(": a token bound must be a number")};
        }
        evaluator.m_conditions.push_back(std::move(compiled));
    }
    return evaluator;
}

std::optional<int> ConditionEvaluator::firstFailing(const RequestFacts &facts, const QDateTime &wallNow) const
{
    for (std::size_t i = 0; i < m_conditions.size(); ++i) {
        if (!holds(m_conditions[i], facts, wallNow))
            return int(i);
    }
    return std::nullopt;
}

bool ConditionEvaluator::holds(const Compiled &compiled, const RequestFacts &facts, const QDateTime &wallNow) const
{
    const Condition &c = compiled.condition;
    auto text = [&](const std::optional<QString> &actual, Qt::CaseSensitivity cs = Qt::CaseSensitive) {
        return textHolds(c.op, actual, c.value, compiled.regex, compiled.list, cs);
    };
    switch (c.kind) {
    case ConditionKind::Header: {
        const auto value = findHeader(facts.headers, c.key.toLatin1());
        return text(value ? std::optional(QString::fromUtf8(value->trimmed())) : std::nullopt);
    }
    case ConditionKind::Consumer:
        return text(facts.consumer);
    case ConditionKind::Tier:
        return text(facts.tier);
    case ConditionKind::Method:
        return text(facts.method, Qt::CaseInsensitive);
    case ConditionKind::Model:
        return text(facts.requestedModel);
    case ConditionKind::Stream: {
        const bool wanted = c.value.trimmed().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
        return c.op == ConditionOp::NotEquals ? facts.stream != wanted : facts.stream == wanted;
    }
    case ConditionKind::PromptTokens:
        return numberHolds(c.op, facts.estimatedPromptTokens, compiled.number);
    case ConditionKind::TimeWindow: {
        const bool inside = insideWindow(c, wallNow);
        return c.op == ConditionOp::NotEquals ? !inside : inside;
    }
    }
    return false;
}

QString describeCondition(const Condition &condition)
{
    QString subject = conditionKindName(condition.kind);
    if (condition.kind == ConditionKind::Header)
        subject += u' ' + condition.key;
    if (condition.kind == ConditionKind::TimeWindow) {
        auto hhmm = [](int minutes) {
            return QStringLiteral("%1:%2")
                .arg(minutes / 60, 2, 10, QLatin1Char('0'))
                .arg(minutes % 60, 2, 10, QLatin1Char('0'));
        };
        return subject % u' ' % conditionOpName(condition.op) % u' ' % hhmm(condition.fromMinute) % u'-' %
               hhmm(condition.toMinute) % (condition.utc ? QStringLiteral(" UTC") : QStringLiteral(" local"));
    }
    return subject % u' ' % conditionOpName(condition.op) % u' ' % condition.value;
}

} // namespace understudy
