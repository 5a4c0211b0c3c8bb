/* pr-core.h: the core of PressReader: releases and how they are read
 * (GLib, GIO, json-glib and libxml2 only: no SQLite, no GTK) */
#pragma once

#include "pr-catalog.h"
#include "pr-contact.h"
#include "pr-email.h"
#include "pr-entity.h"
#include "pr-export.h"
#include "pr-format.h"
#include "pr-grouper.h"
#include "pr-html.h"
#include "pr-parser.h"
#include "pr-reader.h"
#include "pr-facts.h"
#include "pr-release.h"
#include "pr-sketch.h"
#include "pr-ticker.h"
#include "pr-walk.h"
