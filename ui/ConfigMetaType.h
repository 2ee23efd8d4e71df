#pragma once

// Config snapshots and revision lists cross between the store thread and
// the GUI thread in queued signals and invocations; the metatypes live here
// so the engine headers stay free of them.

#include "config/Config.h"
#include "store/Workspace.h"

#include <QList>
#include <QMetaType>

Q_DECLARE_METATYPE(understudy::ConfigSnapshot)
Q_DECLARE_METATYPE(understudy::RevisionInfo)
