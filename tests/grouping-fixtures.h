/* grouping-fixtures.h: one announcement as a wire, a portal and a
 * German translation carry it, and another company's news of the same
 * week (test-store-group.c, test-cli.c) */
#pragma once

static const char wire_text[] =
  "Turbines Rise 12% in Record Quarter\n\n"
  "HAMBURG, Germany, March 3, 2024 /PRNewswire/ -- Nordwind Turbines AG (XETRA: NWT) today "
  "reported revenue of EUR 1.25 billion for the first quarter of 2024, up 12 percent on the "
  "year, as orders from offshore wind farms in the North Sea reached a record 3,400 megawatts.\n\n"
  "\"Our customers are building faster than ever,\" said Anna Keller, chief executive of "
  "Nordwind. \"The new plant in Cuxhaven will double our blade output by 2026.\"\n\n"
  "The company raised its outlook for the year and now expects revenue between EUR 4.8 billion "
  "and EUR 5.1 billion, with an operating margin of 7.5 percent, and plans to hire 850 people "
  "at its sites in Hamburg, Cuxhaven and Rostock.\n\n"
  "About Nordwind Turbines\n\n"
  "Nordwind Turbines AG builds wind turbines in Hamburg and Cuxhaven. www.nordwind.example\n";

/* The same news as a portal republishes it. */
static const char portal_text[] =
  "PRESS RELEASE: Turbines Rise 12% in Record Quarter\n\n"
  "Home | Business | Markets | Press Releases\n\n"
  "HAMBURG, Germany, March 3, 2024 /PRNewswire/ -- Nordwind Turbines AG (XETRA: NWT) today "
  "reported revenue of EUR 1.25 billion for the first quarter of 2024, up 12 percent on the "
  "year, as orders from offshore wind farms in the North Sea reached a record 3,400 megawatts.\n\n"
  "\"Our customers are building faster than ever,\" said Anna Keller, chief executive of "
  "Nordwind. \"The new plant in Cuxhaven will double our blade output by 2026.\"\n\n"
  "The company raised its outlook for the year and now expects revenue between EUR 4.8 billion "
  "and EUR 5.1 billion, with an operating margin of 7.5 percent, and plans to hire 850 people "
  "at its sites in Hamburg, Cuxhaven and Rostock.\n\n"
  "Share this article: Facebook · X · LinkedIn · Email\n";

/* Its German version, a day later. */
static const char german_text[] =
  "Nordwind Turbines steigert Umsatz um 12 % im Rekordquartal\n\n"
  "HAMBURG, Deutschland, 4. März 2024 /PRNewswire/ -- Die Nordwind Turbines AG (XETRA: NWT) "
  "meldete heute für das erste Quartal 2024 einen Umsatz von 1,25 Milliarden Euro, 12 Prozent "
  "mehr als im Vorjahr, da die Aufträge von Offshore-Windparks in der Nordsee einen Rekord von "
  "3.400 Megawatt erreichten.\n\n"
  "„Unsere Kunden bauen schneller als je zuvor“, sagte Anna Keller, Vorstandsvorsitzende von "
  "Nordwind. „Das neue Werk in Cuxhaven wird unsere Rotorblattproduktion bis 2026 verdoppeln.“\n\n"
  "Das Unternehmen hob seine Prognose für das Jahr an und erwartet nun einen Umsatz zwischen "
  "4,8 und 5,1 Milliarden Euro bei einer operativen Marge von 7,5 Prozent; an den Standorten "
  "Hamburg, Cuxhaven und Rostock sollen 850 Menschen eingestellt werden.\n\n"
  "Über Nordwind Turbines\n\n"
  "Die Nordwind Turbines AG baut Windturbinen in Hamburg und Cuxhaven. www.nordwind.example\n";

/* Another company's news the same week. */
static const char other_text[] =
  "Harbor Logistics Opens Automated Warehouse in Rotterdam\n\n"
  "ROTTERDAM, Netherlands, March 4, 2024 /PRNewswire/ -- Harbor Logistics B.V. opened a fully "
  "automated warehouse of 60,000 square meters at the Maasvlakte terminal, where robots pick and "
  "pack parcels for retailers across the Benelux within four hours of an order.\n\n"
  "\"Automation lets us promise same-day delivery to every city in the region,\" said Pieter de "
  "Vries, chief operating officer. The site employs 310 people and runs on solar power from its "
  "own roof, which covers most of its needs in summer.\n\n"
  "About Harbor Logistics\n\n"
  "Harbor Logistics B.V. runs warehouses in the Netherlands and Belgium.\n";
