#include "ConsoleTranslator.h"

#include <QTranslator>

namespace understudy {

std::unique_ptr<QTranslator> loadConsoleTranslator(const QLocale &locale)
{
    auto translator = std::make_unique<QTranslator>();
    if (!translator->load(locale, QStringLiteral("understudy"), QStringLiteral("_"), consoleTranslationsPath()))
        return nullptr;
    return translator;
}

} // namespace understudy
