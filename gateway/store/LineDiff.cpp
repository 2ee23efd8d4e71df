#include "store/LineDiff.h"

#include <algorithm>
#include <cstdint>

namespace understudy {

namespace {

// The LCS table costs rows * columns cells. Configs are a few thousand lines
// and the common prefix and suffix are stripped first, so real diffs stay far
// below this; past it we fall back to "replace the whole middle" rather than
// allocate without bound.
constexpr qsizetype kMaxTableCells = 16 * 1024 * 1024;

void appendRange(std::vector<DiffLine> &out, DiffLine::Kind kind, const QStringList &lines, qsizetype begin,
                 qsizetype end)
{
    for (qsizetype i = begin; i < end; ++i)
        out.push_back(DiffLine{kind, lines.at(i)});
}

// Diff of from[fb, fe) against to[tb, te) where the ranges share no common
// prefix or suffix line.
void diffMiddle(std::vector<DiffLine> &out, const QStringList &from, qsizetype fb, qsizetype fe, const QStringList &to,
                qsizetype tb, qsizetype te)
{
    const qsizetype n = fe - fb;
    const qsizetype m = te - tb;
    if (n == 0 || m == 0 || n > kMaxTableCells / m) {
        appendRange(out, DiffLine::Kind::Removed, from, fb, fe);
        appendRange(out, DiffLine::Kind::Added, to, tb, te);
        return;
    }
    // lcs[i][j] = length of the LCS of from[fb+i..fe) and to[tb+j..te).
    const qsizetype width = m + 1;
    std::vector<std::uint32_t> lcs(static_cast<std::size_t>((n + 1) * width), 0);
    auto at = [&](qsizetype i, qsizetype j) -> std::uint32_t & { return lcs[static_cast<std::size_t>(i * width + j)]; };
    for (qsizetype i = n - 1; i >= 0; --i) {
        for (qsizetype j = m - 1; j >= 0; --j) {
            at(i, j) = from.at(fb + i) == to.at(tb + j) ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
        }
    }
    // Walking forward and preferring removals on ties puts the removed lines
    // of a changed block before the added ones.
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < n && j < m) {
        if (from.at(fb + i) == to.at(tb + j)) {
            out.push_back(DiffLine{DiffLine::Kind::Same, from.at(fb + i)});
            ++i;
            ++j;
        } else if (at(i + 1, j) >= at(i, j + 1)) {
            out.push_back(DiffLine{DiffLine::Kind::Removed, from.at(fb + i)});
            ++i;
        } else {
            out.push_back(DiffLine{DiffLine::Kind::Added, to.at(tb + j)});
            ++j;
        }
    }
    appendRange(out, DiffLine::Kind::Removed, from, fb + i, fe);
    appendRange(out, DiffLine::Kind::Added, to, tb + j, te);
}

QChar prefixOf(DiffLine::Kind kind)
{
    switch (kind) {
    case DiffLine::Kind::Removed:
        return QLatin1Char('-');
    case DiffLine::Kind::Added:
        return QLatin1Char('+');
    case DiffLine::Kind::Same:
        break;
    }
    return QLatin1Char(' ');
}

QString hunkRange(qsizetype linesBefore, qsizetype count)
{
    // As in diff -u: an empty range names the line before it.
    const qsizetype start = count == 0 ? linesBefore : linesBefore + 1;
    return QString::number(start) + QLatin1Char(',') + QString::number(count);
}

} // namespace

std::vector<DiffLine> diffLines(const QStringList &from, const QStringList &to)
{
    std::vector<DiffLine> out;
    out.reserve(static_cast<std::size_t>(std::max(from.size(), to.size())));
    qsizetype prefix = 0;
    while (prefix < from.size() && prefix < to.size() && from.at(prefix) == to.at(prefix))
        ++prefix;
    qsizetype suffix = 0;
    while (suffix < from.size() - prefix && suffix < to.size() - prefix &&
           from.at(from.size() - 1 - suffix) == to.at(to.size() - 1 - suffix))
        ++suffix;
    appendRange(out, DiffLine::Kind::Same, from, 0, prefix);
    diffMiddle(out, from, prefix, from.size() - suffix, to, prefix, to.size() - suffix);
    appendRange(out, DiffLine::Kind::Same, from, from.size() - suffix, from.size());
    return out;
}

QStringList splitLines(const QString &text)
{
    if (text.isEmpty())
        return {};
    QStringList lines = text.split(QLatin1Char('\n'));
    if (text.endsWith(QLatin1Char('\n')))
        lines.removeLast();
    return lines;
}

QString formatUnifiedDiff(const std::vector<DiffLine> &lines, int contextLines)
{
    const bool changed =
        std::any_of(lines.begin(), lines.end(), [](const DiffLine &line) { return line.kind != DiffLine::Kind::Same; });
    if (!changed)
        return {};
    QString out;
    auto appendLine = [&out](const DiffLine &line) {
        out += prefixOf(line.kind);
        out += line.text;
        out += QLatin1Char('\n');
    };
    if (contextLines < 0) {
        for (const DiffLine &line : lines)
            appendLine(line);
        return out;
    }

    const auto total = static_cast<qsizetype>(lines.size());
    // Mark every line within `contextLines` of a change as shown.
    std::vector<bool> shown(lines.size(), false);
    for (qsizetype i = 0; i < total; ++i) {
        if (lines[static_cast<std::size_t>(i)].kind == DiffLine::Kind::Same)
            continue;
        const qsizetype lo = std::max<qsizetype>(0, i - contextLines);
        const qsizetype hi = std::min<qsizetype>(total - 1, i + contextLines);
        for (qsizetype k = lo; k <= hi; ++k)
            shown[static_cast<std::size_t>(k)] = true;
    }

    qsizetype oldBefore = 0; // old-side lines preceding index i
    qsizetype newBefore = 0;
    qsizetype i = 0;
    while (i < total) {
        if (!shown[static_cast<std::size_t>(i)]) {
            const auto kind = lines[static_cast<std::size_t>(i)].kind;
            oldBefore += kind != DiffLine::Kind::Added ? 1 : 0;
            newBefore += kind != DiffLine::Kind::Removed ? 1 : 0;
            ++i;
            continue;
        }
        qsizetype end = i;
        qsizetype oldCount = 0;
        qsizetype newCount = 0;
        while (end < total && shown[static_cast<std::size_t>(end)]) {
            const auto kind = lines[static_cast<std::size_t>(end)].kind;
            oldCount += kind != DiffLine::Kind::Added ? 1 : 0;
            newCount += kind != DiffLine::Kind::Removed ? 1 : 0;
            ++end;
        }
        out += QStringLiteral("@@ -") + hunkRange(oldBefore, oldCount) + QStringLiteral(" +") +
               hunkRange(newBefore, newCount) + QStringLiteral(" @@\n");
        for (qsizetype k = i; k < end; ++k)
            appendLine(lines[static_cast<std::size_t>(k)]);
        oldBefore += oldCount;
        newBefore += newCount;
        i = end;
    }
    return out;
}

QString unifiedDiff(const QString &from, const QString &to, int contextLines)
{
    return formatUnifiedDiff(diffLines(splitLines(from), splitLines(to)), contextLines);
}

} // namespace understudy
