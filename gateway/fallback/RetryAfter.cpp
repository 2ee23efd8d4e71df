#include "fallback/RetryAfter.h"

#include <QList>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace understudy {

namespace {

// Longer waits are clamped: nothing waits a day, and the math stays in range.
constexpr qint64 kMaxWaitMs = 24LL * 3600 * 1000;

int monthFromName(QByteArrayView name)
{
    static constexpr const char *kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                              "jul", "aug", "sep", "oct", "nov", "dec"};
    const QByteArray lower = name.toByteArray().toLower();
    for (int i = 0; i < 12; ++i) {
        if (lower == kMonths[i])
            return i + 1;
    }
    return 0;
}

std::optional<QTime> parseClock(QByteArrayView text)
{
    const QTime time = QTime::fromString(QString::fromLatin1(text), QStringLiteral("HH:mm:ss"));
    return time.isValid() ? std::optional(time) : std::nullopt;
}

QDateTime makeUtc(int year, int month, int day, const QTime &time)
{
    const QDate date(year, month, day);
    if (!date.isValid())
        return {};
    return QDateTime(date, time, Qt::UTC);
}

std::vector<QByteArray> words(QByteArrayView value)
{
    std::vector<QByteArray> out;
    for (const QByteArray &part : value.toByteArray().simplified().split(' ')) {
        if (!part.isEmpty())
            out.push_back(part);
    }
    return out;
}

// IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT", RFC 850 "Sunday, 06-Nov-94
// 08:49:37 GMT", asctime "Sun Nov  6 08:49:37 1994".
QDateTime parseHttpDate(QByteArrayView value)
{
    const auto parts = words(value);
    if (parts.size() == 6 && parts[0].endsWith(',') && parts[5].toUpper() == "GMT") {
        const auto time = parseClock(parts[4]);
        bool dayOk = false;
        bool yearOk = false;
        const int day = parts[1].toInt(&dayOk);
        const int year = parts[3].toInt(&yearOk);
        if (time && dayOk && yearOk)
            return makeUtc(year, monthFromName(parts[2]), day, *time);
        return {};
    }
    if (parts.size() == 4 && parts[0].endsWith(',') && parts[3].toUpper() == "GMT") {
        const QList<QByteArray> dmy = parts[1].split('-');
        const auto time = parseClock(parts[2]);
        if (dmy.size() != 3 || !time)
            return {};
        bool dayOk = false;
        bool yearOk = false;
        const int day = dmy[0].toInt(&dayOk);
        int year = dmy[2].toInt(&yearOk);
        if (year < 100)
            year += year < 70 ? 2000 : 1900; // RFC 9110 §5.6.7: interpret as the nearest past/future century
        if (dayOk && yearOk)
            return makeUtc(year, monthFromName(dmy[1]), day, *time);
        return {};
    }
    if (parts.size() == 5) {
        const auto time = parseClock(parts[3]);
        bool dayOk = false;
        bool yearOk = false;
        const int day = parts[2].toInt(&dayOk);
        const int year = parts[4].toInt(&yearOk);
        if (time && dayOk && yearOk)
            return makeUtc(year, monthFromName(parts[1]), day, *time);
    }
    return {};
}

std::optional<qint64> secondsToMs(double seconds)
{
    if (!std::isfinite(seconds) || seconds < 0)
        return std::nullopt;
    return std::min<qint64>(static_cast<qint64>(std::ceil(seconds * 1000.0)), kMaxWaitMs);
}

bool isSpent(const HeaderList &headers, QByteArrayView remainingName)
{
    const auto remaining = findHeader(headers, remainingName);
    return remaining && remaining->trimmed() == "0";
}

} // namespace

std::optional<QByteArray> findHeader(const HeaderList &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return std::nullopt;
}

std::optional<qint64> parseRetryAfter(QByteArrayView value, const QDateTime &wallNow)
{
    const QByteArray text = value.toByteArray().trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool ok = false;
    const double seconds = text.toDouble(&ok);
    if (ok)
        return secondsToMs(seconds);
    const QDateTime date = parseHttpDate(text);
    if (!date.isValid())
        return std::nullopt;
    return std::clamp<qint64>(wallNow.msecsTo(date), 0, kMaxWaitMs);
}

std::optional<qint64> parseGoDuration(QByteArrayView value)
{
    const QByteArray text = value.toByteArray().trimmed().toLower();
    if (text.isEmpty())
        return std::nullopt;
    double totalMs = 0;
    qsizetype i = 0;
    while (i < text.size()) {
        const qsizetype numberStart = i;
        while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.'))
            ++i;
        if (i == numberStart)
            return std::nullopt;
        bool ok = false;
        const double number = text.mid(numberStart, i - numberStart).toDouble(&ok);
        if (!ok)
            return std::nullopt;
        const qsizetype unitStart = i;
        while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i])))
            ++i;
        const QByteArray unit = text.mid(unitStart, i - unitStart);
        if (unit == "ms")
            totalMs += number;
        else if (unit == "s")
            totalMs += number * 1000.0;
        else if (unit == "m")
            totalMs += number * 60'000.0;
        else if (unit == "h")
            totalMs += number * 3'600'000.0;
        else
            return std::nullopt;
    }
    return std::min<qint64>(static_cast<qint64>(std::ceil(totalMs)), kMaxWaitMs);
}

std::optional<qint64> retryAfterFromHeaders(const HeaderList &headers, const QDateTime &wallNow)
{
    if (const auto ms = findHeader(headers, "retry-after-ms")) {
        bool ok = false;
        const double value = ms->trimmed().toDouble(&ok);
        if (ok && std::isfinite(value) && value >= 0)
            return std::min<qint64>(static_cast<qint64>(std::ceil(value)), kMaxWaitMs);
    }
    if (const auto value = findHeader(headers, "retry-after")) {
        if (auto parsed = parseRetryAfter(*value, wallNow))
            return parsed;
    }
    std::optional<qint64> reset;
    const std::pair<QByteArrayView, QByteArrayView> limits[] = {
        {"x-ratelimit-remaining-requests", "x-ratelimit-reset-requests"},
        {"x-ratelimit-remaining-tokens", "x-ratelimit-reset-tokens"},
    };
    for (const auto &[remainingName, resetName] : limits) {
        if (!isSpent(headers, remainingName))
            continue;
        if (const auto value = findHeader(headers, resetName)) {
            if (const auto parsed = parseGoDuration(*value))
                reset = std::max(reset.value_or(0), *parsed);
        }
    }
    return reset;
}

} // namespace understudy
