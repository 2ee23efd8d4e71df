#pragma once

// A small line diff (longest common subsequence) for config revisions. The
// console renders the structured lines; the CLI and the admin API print the
// unified-style text.

#include <QString>
#include <QStringList>

#include <vector>

namespace understudy {

struct DiffLine
{
    enum class Kind { Same, Removed, Added };
    Kind kind = Kind::Same;
    QString text;
    bool operator==(const DiffLine &) const = default;
};

// The edit script turning `from` into `to`. Within a changed block removed
// lines come before added ones, so the output reads like `diff -u`.
std::vector<DiffLine> diffLines(const QStringList &from, const QStringList &to);

// Splits on '\n'; a trailing newline does not produce an empty last line.
QStringList splitLines(const QString &text);

// One line per entry, prefixed with " ", "-" or "+". With contextLines >= 0
// unchanged runs are trimmed to that many lines around each change and every
// hunk starts with a "@@ -a,b +c,d @@" header; with a negative value every
// line is kept and no header is written. Identical inputs give "".
QString formatUnifiedDiff(const std::vector<DiffLine> &lines, int contextLines = -1);

// diffLines(splitLines(from), splitLines(to)) formatted.
QString unifiedDiff(const QString &from, const QString &to, int contextLines = -1);

} // namespace understudy
