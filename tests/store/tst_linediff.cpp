#include "store/LineDiff.h"

#include <QRandomGenerator>
#include <QTest>

using namespace understudy;

class TestLineDiff final : public QObject
{
    Q_OBJECT

private slots:
    void unified_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<int>("context");
        QTest::addColumn<QString>("expected");

        const QString ten = QStringLiteral("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n");
        QTest::newRow("identical") << ten << ten << -1 << QString();
        QTest::newRow("identical with context") << ten << ten << 3 << QString();
        QTest::newRow("both empty") << QString() << QString() << -1 << QString();
        QTest::newRow("from empty") << QString() << QStringLiteral("a\nb\n") << -1 << QStringLiteral("+a\n+b\n");
        QTest::newRow("to empty") << QStringLiteral("a\nb\n") << QString() << -1 << QStringLiteral("-a\n-b\n");
        QTest::newRow("changed middle line")
            << QStringLiteral("a\nb\nc\n") << QStringLiteral("a\nx\nc\n") << -1 << QStringLiteral(" a\n-b\n+x\n c\n");
        QTest::newRow("insert at start") << QStringLiteral("b\nc\n") << QStringLiteral("a\nb\nc\n") << -1
                                         << QStringLiteral("+a\n b\n c\n");
        QTest::newRow("delete at end") << QStringLiteral("a\nb\nc\n") << QStringLiteral("a\nb\n") << -1
                                       << QStringLiteral(" a\n b\n-c\n");
        QTest::newRow("missing trailing newline is the same lines")
            << QStringLiteral("a\nb") << QStringLiteral("a\nb\n") << -1 << QString();
        // Removed lines of a block come before the added ones.
        QTest::newRow("block replaced") << QStringLiteral("k\na\nb\nz\n") << QStringLiteral("k\nx\ny\nz\n") << -1
                                        << QStringLiteral(" k\n-a\n-b\n+x\n+y\n z\n");
        // The LCS keeps the longest common run, not the first match.
        QTest::newRow("keeps longest common run") << QStringLiteral("x\na\nb\nc\n") << QStringLiteral("a\nb\nc\nx\n")
                                                  << -1 << QStringLiteral("-x\n a\n b\n c\n+x\n");
        QTest::newRow("one hunk with context 1") << ten << QStringLiteral("1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n") << 1
                                                 << QStringLiteral("@@ -4,3 +4,3 @@\n 4\n-5\n+five\n 6\n");
        QTest::newRow("two hunks with context 1")
            << ten << QStringLiteral("one\n2\n3\n4\n5\n6\n7\n8\n9\nten\n") << 1
            << QStringLiteral("@@ -1,2 +1,2 @@\n-1\n+one\n 2\n@@ -9,2 +9,2 @@\n 9\n-10\n+ten\n");
        QTest::newRow("nearby changes merge into one hunk")
            << ten << QStringLiteral("1\n2\nthree\n4\nfive\n6\n7\n8\n9\n10\n") << 1
            << QStringLiteral("@@ -2,5 +2,5 @@\n 2\n-3\n+three\n 4\n-5\n+five\n 6\n");
        QTest::newRow("pure insertion hunk") << QStringLiteral("a\nb\n") << QStringLiteral("a\nnew\nb\n") << 0
                                             << QStringLiteral("@@ -1,0 +2,1 @@\n+new\n");
        QTest::newRow("into empty file with context")
            << QString() << QStringLiteral("a\n") << 3 << QStringLiteral("@@ -0,0 +1,1 @@\n+a\n");
    }

    void unified()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(int, context);
        QFETCH(QString, expected);
        QCOMPARE(unifiedDiff(from, to, context), expected);
    }

    // Whatever the input, the Same+Removed lines are `from` and the
    // Same+Added lines are `to`; and a single changed line costs exactly
    // one removal and one addition (the script is minimal there).
    void scriptRebuildsBothSides()
    {
        QRandomGenerator random(20240611); // fixed seed: reproducible
        for (int round = 0; round < 200; ++round) {
            QStringList from;
            QStringList to;
            const int n = int(random.bounded(30));
            for (int i = 0; i < n; ++i)
                from << QString::number(random.bounded(5));
            to = from;
            const int edits = int(random.bounded(6));
            for (int e = 0; e < edits; ++e) {
                const int at = to.isEmpty() ? 0 : int(random.bounded(to.size()));
                if (random.bounded(2) == 0 || to.isEmpty())
                    to.insert(at, QString::number(random.bounded(7)));
                else
                    to.removeAt(at);
            }
            QStringList rebuiltFrom;
            QStringList rebuiltTo;
            for (const DiffLine &line : diffLines(from, to)) {
                if (line.kind != DiffLine::Kind::Added)
                    rebuiltFrom << line.text;
                if (line.kind != DiffLine::Kind::Removed)
                    rebuiltTo << line.text;
            }
            QCOMPARE(rebuiltFrom, from);
            QCOMPARE(rebuiltTo, to);
        }

        QStringList from;
        for (int i = 0; i < 500; ++i)
            from << QStringLiteral("line %1").arg(i % 17);
        QStringList to = from;
        to[250] = QStringLiteral("changed");
        const auto lines = diffLines(from, to);
        const auto changed =
            std::count_if(lines.begin(), lines.end(), [](const DiffLine &l) { return l.kind != DiffLine::Kind::Same; });
        QCOMPARE(changed, 2);
    }
};

QTEST_GUILESS_MAIN(TestLineDiff)
#include "tst_linediff.moc"
