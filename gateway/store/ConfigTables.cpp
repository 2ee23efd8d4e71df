#include "store/ConfigTables.h"

#include "config/ConfigJson.h"
#include "store/SqliteConnection.h"

#include <QSqlError>
#include <QSqlQuery>

#include <nlohmann/json.hpp>

#include <array>

namespace understudy {

namespace {

using ojson = nlohmann::ordered_json;

// The element tables, in the order rows are inserted: routes reference
// chains, so chains come first (and routes are deleted first).
constexpr std::array<const char *, 4> kElementTables{"listeners", "providers", "chains", "routes"};

QByteArray toBytes(const std::string &text)
{
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

std::string compact(const ojson &value)
{
    return value.dump(-1, ' ', false, ojson::error_handler_t::replace);
}

Result<void> insertRow(QSqlDatabase &db, const QString &table, const QString &name, qsizetype position,
                       const std::string &body, const QVariant &chain)
{
    QSqlQuery insert(db);
    const bool isRoute = table == QLatin1String("routes");
    insert.prepare(isRoute ? QStringLiteral("INSERT INTO routes (name, position, chain, body) VALUES (?, ?, ?, ?)")
                           : QStringLiteral("INSERT INTO %1 (name, position, body) VALUES (?, ?, ?)").arg(table));
    insert.addBindValue(name);
    insert.addBindValue(static_cast<qlonglong>(position));
    if (isRoute)
        insert.addBindValue(chain);
    insert.addBindValue(QString::fromUtf8(toBytes(body)));
    if (!insert.exec())
        return sqlFailure(QStringLiteral("storing %1 \"%2\"").arg(table, name), insert.lastError());
    return {};
}

template<typename Item> std::vector<QString> namesOf(const std::vector<Item> &items)
{
    std::vector<QString> names;
    names.reserve(items.size());
    for (const Item &item : items)
        names.push_back(item.name);
    return names;
}

std::vector<QString> elementNames(const Config &config, std::string_view table)
{
    if (table == "listeners")
        return namesOf(config.listeners);
    if (table == "providers")
        return namesOf(config.providers);
    if (table == "chains")
        return namesOf(config.chains);
    return namesOf(config.routes);
}

Result<void> internalError(const QString &message)
{
    return Result<void>::failure(QStringLiteral("internal_error"), message);
}

} // namespace

Result<void> writeConfigTables(QSqlDatabase &db, const Config &config)
{
    ojson doc;
    try {
        doc = ojson::parse(configToJson(config).toStdString());
    } catch (const nlohmann::json::exception &e) {
        return internalError(QStringLiteral("the config export does not parse: ") + QString::fromUtf8(e.what()));
    }
    if (!doc.is_object())
        return internalError(QStringLiteral("the config export is not a JSON object"));

    for (auto it = kElementTables.rbegin(); it != kElementTables.rend(); ++it) {
        if (auto done = execStatement(db, QStringLiteral("DELETE FROM ") + QLatin1String(*it)); !done)
            return done;
    }
    if (auto done = execStatement(db, QStringLiteral("DELETE FROM settings")); !done)
        return done;

    qsizetype settingPosition = 0;
    for (const auto &[key, value] : doc.items()) {
        const bool isElementList = std::find(kElementTables.begin(), kElementTables.end(), key) != kElementTables.end();
        if (isElementList)
            continue;
        const QString name = QString::fromStdString(key);
        if (auto done = insertRow(db, QStringLiteral("settings"), name, settingPosition++, compact(value), {}); !done)
            return done;
    }

    for (const char *table : kElementTables) {
        const auto list = doc.find(table);
        const std::vector<QString> names = elementNames(config, table);
        if (list == doc.end() || !list->is_array() || list->size() != names.size())
            return internalError(
                QStringLiteral("the config export has no matching \"%1\" list").arg(QLatin1String(table)));
        for (std::size_t i = 0; i < names.size(); ++i) {
            // Only routes have a foreign key; an empty chain name is stored as
            // NULL so it cannot match a chain.
            QVariant chain;
            if (std::string_view(table) == "routes" && !config.routes[i].chain.isEmpty())
                chain = config.routes[i].chain;
            if (auto done = insertRow(db, QLatin1String(table), names[i], static_cast<qsizetype>(i),
                                      compact((*list)[i]), chain);
                !done)
                return done;
        }
    }
    return {};
}

Result<Config> readConfigTables(QSqlDatabase &db)
{
    ojson doc = ojson::object();
    auto readTable = [&](const QString &table, auto &&store) -> Result<void> {
        QSqlQuery query(db);
        query.setForwardOnly(true);
        if (!query.exec(QStringLiteral("SELECT name, body FROM %1 ORDER BY position").arg(table)))
            return sqlFailure(QStringLiteral("reading ") + table, query.lastError());
        while (query.next()) {
            const QString name = query.value(0).toString();
            try {
                store(name, ojson::parse(query.value(1).toString().toStdString()));
            } catch (const nlohmann::json::exception &e) {
                return Result<void>::failure(QStringLiteral("corrupt"),
                                             QStringLiteral("the stored %1 \"%2\" is not valid JSON: %3")
                                                 .arg(table, name, QString::fromUtf8(e.what())));
            }
        }
        if (query.lastError().isValid())
            return sqlFailure(QStringLiteral("reading ") + table, query.lastError());
        return {};
    };

    if (auto done = readTable(QStringLiteral("settings"),
                              [&](const QString &name, ojson value) { doc[name.toStdString()] = std::move(value); });
        !done)
        return done.error();
    for (const char *table : kElementTables) {
        ojson &list = doc[table] = ojson::array();
        if (auto done = readTable(QLatin1String(table),
                                  [&](const QString &, ojson value) { list.push_back(std::move(value)); });
            !done)
            return done.error();
    }

    auto config = configFromJson(toBytes(doc.dump(-1, ' ', false, ojson::error_handler_t::replace)));
    if (!config)
        return Result<Config>::failure(QStringLiteral("corrupt"),
                                       QStringLiteral("the stored config does not load: ") + config.error().message);
    return config;
}

} // namespace understudy
