#include "observe/JsonLineLog.h"

#include <QTest>

#include <nlohmann/json.hpp>

using namespace understudy;

class TestJsonLineLog final : public QObject
{
    Q_OBJECT

private slots:
    void format_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("level");
        QTest::addColumn<QString>("msg");
        QTest::addColumn<QString>("fieldKey");
        QTest::addColumn<QString>("fieldValue");
        QTest::newRow("plain info") << int(QtInfoMsg) << QStringLiteral("listening") << QStringLiteral("info")
                                    << QStringLiteral("listening") << QString() << QString();
        QTest::newRow("fields") << int(QtWarningMsg) << QStringLiteral("bind failed | listener=default port=8787")
                                << QStringLiteral("warning") << QStringLiteral("bind failed") << QStringLiteral("port")
                                << QStringLiteral("8787");
        QTest::newRow("field cannot overwrite msg")
            << int(QtCriticalMsg) << QStringLiteral("boom | msg=hijack") << QStringLiteral("error")
            << QStringLiteral("boom") << QStringLiteral("detail") << QStringLiteral("msg=hijack");
        QTest::newRow("free text becomes detail")
            << int(QtWarningMsg) << QStringLiteral("reload rejected | code=bind_failed port 80 in use")
            << QStringLiteral("warning") << QStringLiteral("reload rejected") << QStringLiteral("detail")
            << QStringLiteral("port 80 in use");
        QTest::newRow("quotes and newlines escaped")
            << int(QtDebugMsg) << QStringLiteral("say \"hi\"\nnext") << QStringLiteral("debug")
            << QStringLiteral("say \"hi\"\nnext") << QString() << QString();
    }

    void format()
    {
        QFETCH(int, type);
        QFETCH(QString, message);
        QFETCH(QString, level);
        QFETCH(QString, msg);
        QFETCH(QString, fieldKey);
        QFETCH(QString, fieldValue);

        const QByteArray line = formatJsonLogLine(QtMsgType(type), "understudy.test", message, 1'700'000'000'123);
        QVERIFY(!line.contains('\n'));
        const auto json = nlohmann::json::parse(line.toStdString());
        QCOMPARE(QString::fromStdString(json.at("level")), level);
        QCOMPARE(QString::fromStdString(json.at("msg")), msg);
        QCOMPARE(QString::fromStdString(json.at("category")), QStringLiteral("understudy.test"));
        QCOMPARE(QString::fromStdString(json.at("ts")), QStringLiteral("2023-11-14T22:13:20.123Z"));
        if (!fieldKey.isEmpty())
            QCOMPARE(QString::fromStdString(json.at(fieldKey.toStdString())), fieldValue);
    }
};

QTEST_GUILESS_MAIN(TestJsonLineLog)
#include "tst_jsonlinelog.moc"
