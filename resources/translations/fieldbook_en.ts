<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>HouseholdMergeDialog</name>
    <message numerus="yes">
        <source>%n visit(s)</source>
        <translation>
            <numerusform>%n visit</numerusform>
            <numerusform>%n visits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n training(s)</source>
        <translation>
            <numerusform>%n training</numerusform>
            <numerusform>%n trainings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HouseholdPicker</name>
    <message numerus="yes">
        <source>%n household(s)</source>
        <translation>
            <numerusform>%n household</numerusform>
            <numerusform>%n households</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordListPage</name>
    <message numerus="yes">
        <source>%1 of %n record(s) shown</source>
        <translation>
            <numerusform>%1 of %n record shown</numerusform>
            <numerusform>%1 of %n records shown</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewQueue</name>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) returned to you for fixes. Open one, correct it and submit it again.</source>
        <translation>
            <numerusform>%n record returned to you for fixes. Open one, correct it and submit it again.</numerusform>
            <numerusform>%n records returned to you for fixes. Open one, correct it and submit it again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Approve %n selected</source>
        <translation>
            <numerusform>Approve %n selected</numerusform>
            <numerusform>Approve %n selected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) approved.</source>
        <translation>
            <numerusform>%n record approved.</numerusform>
            <numerusform>%n records approved.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatisticsPage</name>
    <message numerus="yes">
        <source>of %n specialist(s) with visits this year</source>
        <translation>
            <numerusform>of %n specialist with visits this year</numerusform>
            <numerusform>of %n specialists with visits this year</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncMessages</name>
    <message numerus="yes">
        <source>%n change(s) met another person&apos;s edit: see Conflicts.</source>
        <translation>
            <numerusform>%n change met another person&apos;s edit: see Conflicts.</numerusform>
            <numerusform>%n changes met another person&apos;s edit: see Conflicts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) were refused by the server: see Conflicts.</source>
        <translation>
            <numerusform>%n change was refused by the server: see Conflicts.</numerusform>
            <numerusform>%n changes were refused by the server: see Conflicts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) from the server could not be stored here and were set aside: see Conflicts.</source>
        <translation>
            <numerusform>%n record from the server could not be stored here and was set aside: see Conflicts.</numerusform>
            <numerusform>%n records from the server could not be stored here and were set aside: see Conflicts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) still waiting to be sent.</source>
        <translation>
            <numerusform>%n change still waiting to be sent.</numerusform>
            <numerusform>%n changes still waiting to be sent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) still waiting to be sent.</source>
        <translation>
            <numerusform>%n photo still waiting to be sent.</numerusform>
            <numerusform>%n photos still waiting to be sent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) still waiting to be received.</source>
        <translation>
            <numerusform>%n photo still waiting to be received.</numerusform>
            <numerusform>%n photos still waiting to be received.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflict</numerusform>
            <numerusform>%n conflicts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n received record(s) set aside</source>
        <translation>
            <numerusform>%n received record set aside</numerusform>
            <numerusform>%n received records set aside</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting to sync</source>
        <translation>
            <numerusform>%n change waiting to sync</numerusform>
            <numerusform>%n changes waiting to sync</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TeamLogPage</name>
    <message numerus="yes">
        <source>%1 to %2: %3 visits, %4 on-site days, %5 trainings by %n member(s)</source>
        <translation>
            <numerusform>%1 to %2: %3 visits, %4 on-site days, %5 trainings by %n member</numerusform>
            <numerusform>%1 to %2: %3 visits, %4 on-site days, %5 trainings by %n members</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrainingForm</name>
    <message numerus="yes">
        <source>Total: %n person(s)</source>
        <translation>
            <numerusform>Total: %n person</numerusform>
            <numerusform>Total: %n people</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VisitMapDialog</name>
    <message numerus="yes">
        <source>%1: %n visit(s) drawn.</source>
        <translation>
            <numerusform>%1: %n visit drawn.</numerusform>
            <numerusform>%1: %n visits drawn.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 / %2: %n visit(s)</source>
        <translation>
            <numerusform>%1 / %2: %n visit</numerusform>
            <numerusform>%1 / %2: %n visits</numerusform>
        </translation>
    </message>
</context>
</TS>
