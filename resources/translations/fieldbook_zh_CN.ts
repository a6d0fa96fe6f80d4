<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Backup</name>
    <message>
        <source>This file is not a Fieldbook backup.</source>
        <extracomment>What the user is told for each problem (the UI translates these, the command line prints them).</extracomment>
        <translation>此文件不是 Fieldbook 备份。</translation>
    </message>
    <message>
        <source>This backup file is damaged or incomplete (for example, copying it was cut short). Nothing was changed; try another copy of the backup.</source>
        <translation>此备份文件已损坏或不完整（例如复制时中断）。未做任何更改；请换一份备份再试。</translation>
    </message>
    <message>
        <source>This backup was made by a newer version of Fieldbook. Update Fieldbook, then restore it.</source>
        <translation>此备份由更新版本的 Fieldbook 生成。请先升级 Fieldbook，再恢复。</translation>
    </message>
    <message>
        <source>This data folder already holds records. Restore into a new, empty data folder.</source>
        <translation>此数据文件夹中已有记录。请恢复到一个新的空数据文件夹。</translation>
    </message>
    <message>
        <source>The backup file cannot be written there. Check the folder and the free space.</source>
        <translation>无法在该位置写入备份文件。请检查文件夹和剩余空间。</translation>
    </message>
    <message>
        <source>This passphrase does not open the backup. Nothing was changed; try again with the passphrase chosen when the backup was made.</source>
        <translation>此密码无法打开该备份。未做任何更改；请使用备份时设置的密码重试。</translation>
    </message>
    <message>
        <source>Choose a passphrase of at least 8 characters for the backup.</source>
        <translation>请为备份设置至少 8 个字符的密码。</translation>
    </message>
    <message>
        <source>Fieldbook backup (*%1)</source>
        <translation>Fieldbook 备份文件 (*%1)</translation>
    </message>
    <message>
        <source>Back up data</source>
        <translation>备份数据</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>It holds %1 visits, %2 training sessions, %3 households and %4 photos of %5, made %6; %7 changes had not been synced yet.</source>
        <translation>其中有%5的 %1 条服务记录、%2 次培训、%3 个服务对象和 %4 张照片，备份于 %6；其中 %7 项修改当时尚未同步。</translation>
    </message>
    <message>
        <source>This laptop now counts as a new device: sign in to the server and sync, and what was sent after the backup comes back.</source>
        <translation>这台电脑现在算作一台新设备：请登录服务器并同步，备份之后已上传的内容会同步回来。</translation>
    </message>
    <message>
        <source>If the laptop the backup came from was lost, ask your administrator to revoke its device %1.</source>
        <translation>如果原来的电脑已丢失，请联系管理员停用其设备 %1。</translation>
    </message>
</context>
<context>
    <name>BackupActions</name>
    <message>
        <source>&amp;Back up data…</source>
        <translation>备份数据(&amp;B)…</translation>
    </message>
    <message>
        <source>Save all records and photos into one file, e.g. on a USB stick</source>
        <translation>把全部记录和照片保存为一个文件，例如存到 U 盘</translation>
    </message>
    <message>
        <source>&amp;Restore from backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>Backing up your data…</source>
        <translation>正在备份数据…</translation>
    </message>
    <message>
        <source>The backup is saved as %1 (%2).</source>
        <translation>备份已保存为 %1（%2）。</translation>
    </message>
    <message>
        <source>%1 photos were not on this laptop and are not in the backup; a sync downloads them again if the server has them.</source>
        <translation>有 %1 张照片不在本机，未包含在备份中；如服务器上有，同步时会重新下载。</translation>
    </message>
    <message>
        <source>Keep it somewhere other than this laptop, for example on a USB stick.</source>
        <translation>请把它存放在本机以外的地方，例如 U 盘。</translation>
    </message>
    <message>
        <source>Backup saved</source>
        <translation>备份已保存</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Close the open forms first, then restore.</source>
        <translation>请先关闭已打开的表单，再恢复。</translation>
    </message>
    <message>
        <source>Replace all data on this laptop with the backup %1?</source>
        <translation>用备份 %1 替换本机的全部数据吗？</translation>
    </message>
    <message>
        <source>The current data is kept as a .bak file in %1. Changes not synced since the backup was made are lost unless the server has them.</source>
        <translation>当前数据将保存为 %1 中的 .bak 文件。备份之后未同步的修改，除非服务器上已有，否则将丢失。</translation>
    </message>
    <message>
        <source>Replace with the backup</source>
        <translation>用备份替换</translation>
    </message>
    <message>
        <source>Restoring from the backup…</source>
        <translation>正在从备份恢复…</translation>
    </message>
    <message>
        <source>Your data was restored from the backup.</source>
        <translation>数据已从备份恢复。</translation>
    </message>
    <message>
        <source>The data it replaced is kept as %1.</source>
        <translation>被替换的数据已保存为 %1。</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
</context>
<context>
    <name>BackupProgressDialog</name>
    <message>
        <source>Fieldbook</source>
        <translation>Fieldbook</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>Nothing recorded</source>
        <translation>暂无记录</translation>
    </message>
</context>
<context>
    <name>BundleActions</name>
    <message>
        <source>This file is not a Fieldbook sync bundle.</source>
        <translation>此文件不是 Fieldbook 同步包。</translation>
    </message>
    <message>
        <source>The bundle is incomplete (cut short). Copy it onto the stick again.</source>
        <translation>同步包不完整（被截断）。请重新拷贝到U盘。</translation>
    </message>
    <message>
        <source>The bundle is damaged. Copy it onto the stick again.</source>
        <translation>同步包已损坏。请重新拷贝到U盘。</translation>
    </message>
    <message>
        <source>This bundle was made for another laptop or server.</source>
        <translation>此同步包是为另一台电脑或服务器制作的。</translation>
    </message>
    <message>
        <source>The bundle&apos;s signature is not the server&apos;s: it was changed or forged.</source>
        <translation>同步包的签名不是服务器的：它被修改或伪造。</translation>
    </message>
    <message>
        <source>This is a bundle for the server, not one from it. Take it to the office.</source>
        <translation>这是发往服务器的同步包，不是服务器发来的。请带到办公室导入。</translation>
    </message>
    <message>
        <source>The bundle was made by a newer Fieldbook. Update Fieldbook first.</source>
        <translation>此同步包由较新版本的 Fieldbook 制作。请先升级 Fieldbook。</translation>
    </message>
    <message>
        <source>Sign in to the server once, online, before syncing by USB stick.</source>
        <translation>用U盘同步之前，请先联网登录一次服务器。</translation>
    </message>
    <message>
        <source>This bundle continues from a later point than this laptop has reached. Import the earlier bundle first, or sync online.</source>
        <translation>此同步包接续的位置晚于本机已有的数据。请先导入较早的同步包，或联网同步。</translation>
    </message>
    <message>
        <source>The server&apos;s history changed since this laptop last synced. Ask the office for a full bundle.</source>
        <translation>自本机上次同步以来，服务器的历史已改变。请向办公室索取完整同步包。</translation>
    </message>
    <message>
        <source>The file cannot be read.</source>
        <translation>无法读取该文件。</translation>
    </message>
    <message>
        <source>&amp;Export sync bundle…</source>
        <translation>导出同步包(&amp;E)…</translation>
    </message>
    <message>
        <source>Write your unsent changes and photos into one file for a USB stick</source>
        <translation>把尚未发送的更改和照片写入一个文件，用U盘带走</translation>
    </message>
    <message>
        <source>&amp;Import sync bundle…</source>
        <translation>导入同步包(&amp;I)…</translation>
    </message>
    <message>
        <source>Export sync bundle</source>
        <translation>导出同步包</translation>
    </message>
    <message>
        <source>Sync bundles (*%1)</source>
        <translation>同步包 (*%1)</translation>
    </message>
    <message>
        <source>Import sync bundle</source>
        <translation>导入同步包</translation>
    </message>
    <message>
        <source>The bundle holds %1 changes and %2 photos. Take it to the office; they stay waiting here until the server&apos;s answer comes back (by a bundle or an online sync).</source>
        <translation>同步包包含 %1 项更改和 %2 张照片。请带到办公室导入；在服务器的回复（通过同步包或联网同步）回来之前，它们在本机仍显示为待发送。</translation>
    </message>
    <message>
        <source>Received %1 changes and %2 photos; %3 of your changes were confirmed by the server.</source>
        <translation>收到 %1 项更改和 %2 张照片；服务器确认了您的 %3 项更改。</translation>
    </message>
    <message>
        <source>%1 refused and %2 in conflict: see Sync → Conflicts and refused changes.</source>
        <translation>%1 项被拒绝，%2 项有冲突：请查看 同步 → 冲突与被拒绝的更改。</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>未做任何更改。</translation>
    </message>
    <message>
        <source>Sync bundle</source>
        <translation>同步包</translation>
    </message>
</context>
<context>
    <name>ChartSection</name>
    <message>
        <source>Visits</source>
        <translation>服务次数</translation>
    </message>
    <message>
        <source>Show table</source>
        <translation>显示数据表</translation>
    </message>
    <message>
        <source>Show chart</source>
        <translation>显示图表</translation>
    </message>
</context>
<context>
    <name>ConflictEditDialog</name>
    <message>
        <source>Resolve by hand: %1</source>
        <translation>手动处理：%1</translation>
    </message>
    <message>
        <source>Server value</source>
        <translation>服务器上的值</translation>
    </message>
    <message>
        <source>Your value</source>
        <translation>本机的值</translation>
    </message>
    <message>
        <source>The value to keep:</source>
        <translation>要保留的值：</translation>
    </message>
    <message>
        <source>Enter a number.</source>
        <translation>请输入数字。</translation>
    </message>
</context>
<context>
    <name>ConflictText</name>
    <message>
        <source>Name</source>
        <translation>姓名/名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村（嘎查）</translation>
    </message>
    <message>
        <source>Industries</source>
        <translation>产业</translation>
    </message>
    <message>
        <source>Livestock (head)</source>
        <translation>牲畜（头/只）</translation>
    </message>
    <message>
        <source>Land (mu)</source>
        <translation>土地（亩）</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Consent to keep contact details</source>
        <translation>同意保存联系方式</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>How</source>
        <translation>服务方式</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>时长（小时）</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>服务对象</translation>
    </message>
    <message>
        <source>Service types</source>
        <translation>服务类型</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>产业</translation>
    </message>
    <message>
        <source>Problem found</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <source>Advice and measures</source>
        <translation>建议与措施</translation>
    </message>
    <message>
        <source>Follow-up date</source>
        <translation>回访日期</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>经度</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Trainers</source>
        <translation>培训讲师</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>参训人数</translation>
    </message>
    <message>
        <source>Named attendees</source>
        <translation>实名参训人员</translation>
    </message>
    <message>
        <source>Review state</source>
        <translation>审核状态</translation>
    </message>
    <message>
        <source>Deleted or kept</source>
        <translation>删除或保留</translation>
    </message>
    <message>
        <source>County</source>
        <translation>旗县区</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇（苏木）</translation>
    </message>
    <message>
        <source>Responsible specialist</source>
        <translation>负责专家</translation>
    </message>
    <message>
        <source>Year established</source>
        <translation>建立年份</translation>
    </message>
    <message>
        <source>First year</source>
        <translation>起始年份</translation>
    </message>
    <message>
        <source>Last year</source>
        <translation>结束年份</translation>
    </message>
    <message>
        <source>Area (mu)</source>
        <translation>面积（亩）</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>规模</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>简介</translation>
    </message>
    <message>
        <source>Demonstration base or project</source>
        <translation>示范基地或项目</translation>
    </message>
    <message>
        <source>Household</source>
        <extracomment>Fields a person can merge by hand in a text box; the numbers are parsed back.</extracomment>
        <translation>服务对象</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>服务记录</translation>
    </message>
    <message>
        <source>Training session</source>
        <translation>培训</translation>
    </message>
    <message>
        <source>Demonstration base</source>
        <translation>示范基地</translation>
    </message>
    <message>
        <source>Demonstration project</source>
        <translation>示范项目</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Edited (%1)</source>
        <translation>已修改（%1）</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>not known</source>
        <translation>不详</translation>
    </message>
    <message>
        <source>another user</source>
        <translation>其他用户</translation>
    </message>
    <message>
        <source>someone</source>
        <translation>他人</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>Conflicts and refused changes</source>
        <translation>冲突与被拒绝的更改</translation>
    </message>
    <message>
        <source>Someone else changed these fields while you were offline. The server&apos;s value stands until you choose; your choice is sent with the next sync.</source>
        <translation>您离线期间，其他人也修改了以下字段。在您作出选择之前，以服务器上的值为准；您的选择将在下次同步时发送。</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Server value</source>
        <translation>服务器上的值</translation>
    </message>
    <message>
        <source>Your value</source>
        <translation>本机的值</translation>
    </message>
    <message>
        <source>Server value set by</source>
        <translation>服务器上的值由谁修改</translation>
    </message>
    <message>
        <source>Keep server value</source>
        <translation>保留服务器的值</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>保留我的值</translation>
    </message>
    <message>
        <source>Edit by hand…</source>
        <translation>手动修改…</translation>
    </message>
    <message>
        <source>No open conflicts.</source>
        <translation>没有待处理的冲突。</translation>
    </message>
    <message>
        <source>Changes the server refused</source>
        <translation>服务器拒绝的更改</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Records received from the server that this computer could not store. They are kept and tried again at every sync; the rest of the sync went on without them.</source>
        <translation>从服务器收到、但本机无法保存的记录。这些记录已保留，每次同步都会重试；同步的其余部分照常完成。</translation>
    </message>
</context>
<context>
    <name>CoverageDialog</name>
    <message>
        <source>Coverage of %1</source>
        <translation>%1 覆盖情况</translation>
    </message>
    <message>
        <source>Leading industries guided: %1 of %2. Townships with on-site service: %3 of %4. Villages served: %5 of %6.</source>
        <translation>已指导主导产业 %1/%2；驻点服务乡镇 %3/%4；服务行政村 %5/%6。</translation>
    </message>
    <message>
        <source>Guided: %1</source>
        <translation>已指导：%1</translation>
    </message>
    <message>
        <source>Unguided industries (%1)</source>
        <translation>未指导产业（%1）</translation>
    </message>
    <message>
        <source>Townships without on-site service (%1)</source>
        <translation>未驻点服务乡镇（%1）</translation>
    </message>
    <message>
        <source>Villages not reached (%1)</source>
        <translation>未覆盖行政村（%1）</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <source>Starting the local server</source>
        <extracomment>The industries the demo station works in (its own 笤帚 and 大豆, and the county&apos;s maize and livestock). The demo user is the first specialist; 李志强 is left under the plan&apos;s 60 on-site days on purpose.</extracomment>
        <translation>正在启动本机服务器</translation>
    </message>
    <message>
        <source>Preparing the laptops</source>
        <translation>正在准备各成员的笔记本</translation>
    </message>
    <message>
        <source>Recording a year of work</source>
        <translation>正在录入一年的工作记录</translation>
    </message>
    <message>
        <source>Syncing and reviewing</source>
        <translation>正在同步和审核</translation>
    </message>
    <message>
        <source>Making conflicting edits</source>
        <translation>正在制造冲突修改</translation>
    </message>
    <message>
        <source>Preparing the demo</source>
        <translation>正在准备演示</translation>
    </message>
    <message>
        <source>The demo cannot start</source>
        <translation>演示无法启动</translation>
    </message>
</context>
<context>
    <name>DemoChooser</name>
    <message>
        <source>Try Fieldbook</source>
        <translation>试用科技特派员服务日志</translation>
    </message>
    <message>
        <source>The demo makes a throwaway station team of 巴林左旗 with a year of visits, trainings and households, and a sync server on this computer. Nothing touches your own data, and it is all removed when you close the window. Whom do you want to try Fieldbook as?</source>
        <translation>演示会建立一个临时的巴林左旗工作站团队，带有一年的服务记录、培训和农牧户，并在本机运行一个同步服务器。它不会碰您自己的数据，关闭窗口后全部删除。您想以谁的身份试用？</translation>
    </message>
    <message>
        <source>%1, S&amp;T commissioner: record visits and trainings, sync, fix what was returned</source>
        <translation>%1（科技特派员）：记录服务和培训、同步、修改被退回的记录</translation>
    </message>
    <message>
        <source>%1, station manager: review the team&apos;s logs, team log, indicators</source>
        <translation>%1（工作站负责人）：审核团队记录、查看团队日志和统计指标</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>DemonstrationForm</name>
    <message>
        <source>e.g. Lindong beef cattle demonstration base</source>
        <translation>如：林东镇肉牛养殖示范基地</translation>
    </message>
    <message>
        <source>e.g. 300</source>
        <translation>如 300</translation>
    </message>
    <message>
        <source>e.g. 600 head of cattle, 3 greenhouses</source>
        <translation>如：存栏肉牛600头、温室3栋</translation>
    </message>
    <message>
        <source>What it demonstrates, and to whom</source>
        <translation>示范什么技术、面向哪些农牧户</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>County, township or village</source>
        <translation>所在旗县区、乡镇或村</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>产业</translation>
    </message>
    <message>
        <source>Responsible specialist</source>
        <translation>负责专家</translation>
    </message>
    <message>
        <source>Year established</source>
        <translation>建立年份</translation>
    </message>
    <message>
        <source>Project period (first and last year)</source>
        <translation>实施期（起止年份）</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>面积</translation>
    </message>
    <message>
        <source>mu</source>
        <translation>亩</translation>
    </message>
    <message>
        <source>Scale (optional)</source>
        <translation>规模（可不填）</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>简介</translation>
    </message>
    <message>
        <source>GPS (optional)</source>
        <translation>定位（可不填）</translation>
    </message>
    <message>
        <source>New demonstration base</source>
        <translation>新建示范基地</translation>
    </message>
    <message>
        <source>Demonstration base: %1</source>
        <translation>示范基地：%1</translation>
    </message>
    <message>
        <source>New demonstration project</source>
        <translation>新建示范项目</translation>
    </message>
    <message>
        <source>Demonstration project: %1</source>
        <translation>示范项目：%1</translation>
    </message>
</context>
<context>
    <name>DemonstrationsPage</name>
    <message>
        <source>New demonstration base</source>
        <translation>新建示范基地</translation>
    </message>
    <message>
        <source>New demonstration project</source>
        <translation>新建示范项目</translation>
    </message>
    <message>
        <source>Search by name or industry</source>
        <translation>按名称或产业搜索</translation>
    </message>
    <message>
        <source>The plan asks for two long-term demonstration bases in every county (182 in the region) and 100 or more demonstration projects by 2025; approved ones count in the year-end evaluation.</source>
        <translation>方案要求每个旗县区建设 2 个长期稳定的基层农技推广示范基地（全区 182 个），到 2025 年实施科技示范项目 100 项以上；审核通过的基地和项目计入年度考核。</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>County</source>
        <translation>旗县区</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>产业</translation>
    </message>
    <message>
        <source>Responsible specialist</source>
        <translation>负责专家</translation>
    </message>
    <message>
        <source>Years</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>基地</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Bases: %1, projects: %2</source>
        <translation>%1 个基地，%2 个项目</translation>
    </message>
</context>
<context>
    <name>DivisionPicker</name>
    <message>
        <source>Search place: name or pinyin initials (e.g. blzq)</source>
        <translation>搜索地名：汉字或拼音首字母（如 blzq）</translation>
    </message>
    <message>
        <source>League / city</source>
        <translation>盟市</translation>
    </message>
    <message>
        <source>County / banner</source>
        <translation>旗县区</translation>
    </message>
    <message>
        <source>Township / sumu</source>
        <translation>苏木乡镇</translation>
    </message>
    <message>
        <source>Village / gacha</source>
        <translation>嘎查村</translation>
    </message>
    <message>
        <source>(all)</source>
        <translation>（全部）</translation>
    </message>
</context>
<context>
    <name>DraftRestoreDialog</name>
    <message>
        <source>Unsaved forms found</source>
        <translation>发现未保存的表单</translation>
    </message>
    <message>
        <source>Fieldbook was closed while these forms had input that was not saved. Restore them to finish and save them?</source>
        <translation>服务日志上次关闭时，以下表单中还有未保存的内容。是否恢复，以便填完后保存？</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>服务记录</translation>
    </message>
    <message>
        <source>Training session</source>
        <translation>培训</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>服务对象</translation>
    </message>
    <message>
        <source>Demonstration base</source>
        <translation>示范基地</translation>
    </message>
    <message>
        <source>Demonstration project</source>
        <translation>示范项目</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Discard all</source>
        <translation>全部丢弃</translation>
    </message>
    <message>
        <source>Ask me later</source>
        <translation>以后再说</translation>
    </message>
</context>
<context>
    <name>DuplicateHouseholdDialog</name>
    <message>
        <source>Possible duplicate</source>
        <translation>可能重复</translation>
    </message>
    <message>
        <source>These households have the same phone number, or the same name in the same village. Colleagues may have registered them already.</source>
        <translation>以下服务对象的电话号码相同，或在同一村内姓名相同，可能已由其他同事登记过。</translation>
    </message>
    <message>
        <source>Open the existing one</source>
        <translation>打开已有的</translation>
    </message>
    <message>
        <source>Save as a new household</source>
        <translation>仍作为新对象保存</translation>
    </message>
    <message>
        <source>Save, then merge…</source>
        <translation>保存后合并…</translation>
    </message>
    <message>
        <source>Go back and edit</source>
        <translation>返回修改</translation>
    </message>
</context>
<context>
    <name>EditConflictPrompt</name>
    <message>
        <source>Changed elsewhere</source>
        <extracomment>Lists of ids: their values mean nothing to a person, so only the field is named.</extracomment>
        <translation>记录已在别处更改</translation>
    </message>
    <message>
        <source>This record is no longer on this laptop: a sync removed it. Nothing was saved; your input is still in the form.</source>
        <translation>这条记录已不在本机上：同步时已将其移除。没有保存任何内容；您输入的内容仍在表单中。</translation>
    </message>
    <message>
        <source>This record changed since you opened it (by a sync, a review or another window), in fields you changed too. Nothing was saved yet.</source>
        <translation>您打开这条记录后，它已被更改（来自同步、审核或另一个窗口），并且涉及您也改过的字段。尚未保存任何内容。</translation>
    </message>
    <message>
        <source>%1 — saved: %2; yours: %3</source>
        <translation>%1 — 已保存：%2；您的：%3</translation>
    </message>
    <message>
        <source>Reload shows the saved values of these fields and keeps your other changes in the form. Keep my values saves yours over them.</source>
        <translation>“重新载入”显示这些字段已保存的值，并在表单中保留您的其他更改；“保留我的值”用您的值覆盖它们并保存。</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新载入</translation>
    </message>
    <message>
        <source>Keep my values</source>
        <translation>保留我的值</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <source>The last action could not be completed. Your saved records are safe.</source>
        <translation>刚才的操作未能完成。已保存的记录不受影响。</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
</context>
<context>
    <name>EvaluationSection</name>
    <message>
        <source>Year-end evaluation (scores under the plan&apos;s default weights)</source>
        <translation>年度考核（按方案默认权重计分）</translation>
    </message>
    <message>
        <source>Specialist</source>
        <translation>科技特派员</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>County</source>
        <translation>旗县区</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Rank in league</source>
        <translation>盟市内排名</translation>
    </message>
    <message>
        <source>Rank in region</source>
        <translation>全区排名</translation>
    </message>
    <message>
        <source>Recommended for subsidy</source>
        <translation>建议后补助</translation>
    </message>
    <message>
        <source>Export evaluation…</source>
        <translation>导出考核…</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>填报人</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>产业</translation>
    </message>
    <message>
        <source>Write-up</source>
        <translation>案例简述</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>%1 recommended for follow-up subsidy (an office confirms on the server)</source>
        <translation>建议后补助 %1 个（由主管部门在服务器上确认）</translation>
    </message>
    <message>
        <source>Service visit</source>
        <translation>服务记录</translation>
    </message>
    <message>
        <source>Training session</source>
        <translation>培训</translation>
    </message>
    <message>
        <source>Typical cases (%1)</source>
        <translation>典型案例（%1 个）</translation>
    </message>
    <message>
        <source>Typical cases: none marked yet (a station manager marks them in Review)</source>
        <translation>典型案例：尚未标记（由工作站站长在“审核”中标记）</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>JSON data (*.json)</source>
        <translation>JSON 数据 (*.json)</translation>
    </message>
    <message>
        <source>Export evaluation</source>
        <translation>导出考核</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Search (Ctrl+F): Chinese text or pinyin initials, e.g. ym for 玉米</source>
        <translation>搜索（Ctrl+F）：输入汉字或拼音首字母，如 ym 查“玉米”</translation>
    </message>
    <message>
        <source>Place (e.g. blzq)</source>
        <translation>地点（如 blzq）</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起</translation>
    </message>
    <message>
        <source>To</source>
        <translation>止</translation>
    </message>
    <message>
        <source>(any industry)</source>
        <translation>（全部产业）</translation>
    </message>
    <message>
        <source>(any service)</source>
        <translation>（全部服务类型）</translation>
    </message>
    <message>
        <source>(any review state)</source>
        <translation>（全部审核状态）</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to Fieldbook</source>
        <translation>欢迎使用科技特派员服务日志</translation>
    </message>
    <message>
        <source>Tell Fieldbook who uses this laptop. Everything works without a network; your account on the server is linked the first time you sync.</source>
        <translation>请填写本机使用人信息。无网络也能正常使用；首次同步时再关联服务器上的账号。</translation>
    </message>
    <message>
        <source>Your full name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <source>Search your workstation (name or pinyin initials)</source>
        <translation>搜索所在工作站（名称或拼音首字母）</translation>
    </message>
    <message>
        <source>Search your home county, e.g. blzq or 巴林</source>
        <translation>搜索所在旗县，如 blzq 或 巴林</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>I am a</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Workstation (optional)</source>
        <translation>所在工作站（可不填）</translation>
    </message>
    <message>
        <source>Home county</source>
        <translation>所在旗县</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始使用</translation>
    </message>
    <message>
        <source>Open Fieldbook</source>
        <translation>打开 Fieldbook</translation>
    </message>
</context>
<context>
    <name>FirstRunRestore</name>
    <message>
        <source>Restore from a backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <source>A new laptop: bring back your records and photos from a backup file</source>
        <translation>新电脑：从备份文件恢复您的记录和照片</translation>
    </message>
    <message>
        <source>Restoring from the backup…</source>
        <translation>正在从备份恢复…</translation>
    </message>
    <message>
        <source>Your data was restored from the backup.</source>
        <translation>数据已从备份恢复。</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
</context>
<context>
    <name>GpsFields</name>
    <message>
        <source>latitude, e.g. 43.98</source>
        <translation>纬度，如 43.98</translation>
    </message>
    <message>
        <source>longitude, e.g. 119.39</source>
        <translation>经度，如 119.39</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>User guide</source>
        <translation>用户指南</translation>
    </message>
</context>
<context>
    <name>HouseholdForm</name>
    <message>
        <source>Head of household or name of the entity</source>
        <translation>户主姓名或主体名称</translation>
    </message>
    <message>
        <source>Mobile or landline with area code</source>
        <translation>手机号，或带区号的固定电话</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>未登记</translation>
    </message>
    <message>
        <source>The person agreed that their name and phone number are kept</source>
        <translation>本人同意登记其姓名和电话</translation>
    </message>
    <message>
        <source>China&apos;s Personal Information Protection Law asks for consent before contact details are kept, and for no more data than the service needs. They are used only to follow up on advice and are shared only with your station.</source>
        <translation>根据《个人信息保护法》，登记联系方式须经本人同意，且只收集服务所必需的信息。这些信息仅用于技术服务回访，只在本工作站内共享。</translation>
    </message>
    <message>
        <source>Visits and trainings of this household…</source>
        <translation>查看该对象的服务和培训记录…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>所在村</translation>
    </message>
    <message>
        <source>Industries</source>
        <translation>产业</translation>
    </message>
    <message>
        <source>Livestock</source>
        <translation>牲畜存栏</translation>
    </message>
    <message>
        <source>head</source>
        <translation>头</translation>
    </message>
    <message>
        <source>Land</source>
        <translation>耕地面积</translation>
    </message>
    <message>
        <source>mu</source>
        <translation>亩</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>知情同意</translation>
    </message>
    <message>
        <source>New household</source>
        <translation>新增服务对象</translation>
    </message>
    <message>
        <source>Household: %1</source>
        <translation>服务对象：%1</translation>
    </message>
    <message>
        <source>Agreed on %1</source>
        <translation>同意日期：%1</translation>
    </message>
    <message>
        <source>Not saved yet: this household may already be registered.</source>
        <translation>尚未保存：该服务对象可能已登记过。</translation>
    </message>
</context>
<context>
    <name>HouseholdHistoryDialog</name>
    <message>
        <source>Household history</source>
        <translation>服务对象记录</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>This household is not on this device.</source>
        <translation>本机上没有该服务对象。</translation>
    </message>
    <message>
        <source>Visits (%1)</source>
        <translation>服务记录（%1 条）</translation>
    </message>
    <message>
        <source>Trainings attended (%1)</source>
        <translation>参加的培训（%1 次）</translation>
    </message>
</context>
<context>
    <name>HouseholdMergeAction</name>
    <message>
        <source>Merge duplicates…</source>
        <translation>合并重复…</translation>
    </message>
    <message>
        <source>Merge the selected household with another record of the same family</source>
        <translation>将所选服务对象与同一户的另一条记录合并</translation>
    </message>
    <message>
        <source>Merge households</source>
        <translation>合并服务对象</translation>
    </message>
</context>
<context>
    <name>HouseholdMergeDialog</name>
    <message>
        <source>Merge households</source>
        <translation>合并服务对象</translation>
    </message>
    <message>
        <source>Two records of the same family count it twice. Choose the duplicate of %1 and which record stays: the visits and trainings of the other one move to it, and the other one is no longer listed.</source>
        <translation>同一户登记了两条记录，就会被重复统计。请选择%1的重复记录，并选定保留哪一条：另一条的服务记录和培训将转到保留的记录下，另一条不再列出。</translation>
    </message>
    <message>
        <source>Keep %1 (this record)</source>
        <translation>保留 %1（本条记录）</translation>
    </message>
    <message>
        <source>Keep the duplicate chosen above</source>
        <translation>保留上面选中的重复记录</translation>
    </message>
    <message>
        <source>Works offline: the merge reaches the server and the other laptops with the next sync. An edit a colleague made meanwhile to the record that goes away is kept on the one that stays, or shown as a conflict to decide.</source>
        <translation>离线也可合并：下次同步时合并会发送到服务器和其他电脑。同事在此期间对被合并记录所做的修改会保留在保留的记录上，或作为冲突列出，由人来决定。</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>No likely duplicate of %1 is on this laptop (same phone number, or same name in the same village).</source>
        <translation>本机上没有%1的疑似重复记录（相同电话号码，或同村同名）。</translation>
    </message>
    <message numerus="yes">
        <source>%n visit(s)</source>
        <translation>
            <numerusform>%n 条服务记录</numerusform>
        </translation>
    </message>
    <message>
        <source> and </source>
        <translation>和</translation>
    </message>
    <message numerus="yes">
        <source>%n training(s)</source>
        <translation>
            <numerusform>%n 次培训</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 move to %3. %2 is no longer listed.</source>
        <translation>%2的%1将移到%3。%2将不再列出。</translation>
    </message>
</context>
<context>
    <name>HouseholdMerges</name>
    <message>
        <source>Only a station manager may merge households.</source>
        <translation>只有工作站站长可以合并服务对象。</translation>
    </message>
    <message>
        <source>Choose two different households.</source>
        <translation>请选择两个不同的服务对象。</translation>
    </message>
    <message>
        <source>%1 belongs to another station.</source>
        <translation>%1 属于其他工作站。</translation>
    </message>
    <message>
        <source>The household is no longer on this laptop.</source>
        <translation>本机上已没有该服务对象。</translation>
    </message>
    <message>
        <source>%1 was already merged into another household.</source>
        <translation>%1 已并入另一个服务对象。</translation>
    </message>
</context>
<context>
    <name>HouseholdPicker</name>
    <message>
        <source>Find a household: name, pinyin initials or phone</source>
        <translation>查找服务对象：姓名、拼音首字母或电话</translation>
    </message>
    <message>
        <source>Add new household…</source>
        <translation>新增服务对象…</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>从列表移除</translation>
    </message>
    <message>
        <source>(household not on this device)</source>
        <translation>（本机上没有该服务对象）</translation>
    </message>
    <message>
        <source>No household found. Use &quot;Add new household&quot;.</source>
        <translation>没有找到。请点“新增服务对象”。</translation>
    </message>
    <message numerus="yes">
        <source>%n household(s)</source>
        <translation>
            <numerusform>%n 户</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IndustriesPicker</name>
    <message>
        <source>Add an industry</source>
        <translation>添加产业</translation>
    </message>
    <message>
        <source>Remove this industry</source>
        <translation>删除此产业</translation>
    </message>
</context>
<context>
    <name>IndustryPicker</name>
    <message>
        <source>Other (type it)</source>
        <translation>其他（请填写）</translation>
    </message>
    <message>
        <source>Type to search: 肉牛, rn or rouniu</source>
        <translation>输入搜索：肉牛、rn 或 rouniu</translation>
    </message>
    <message>
        <source>Industry not in the list</source>
        <translation>列表中没有的产业</translation>
    </message>
    <message>
        <source>Other: %1</source>
        <translation>其他：%1</translation>
    </message>
</context>
<context>
    <name>Launch</name>
    <message>
        <source>Fieldbook cannot open its data folder %1. Backups of the store (*.bak) are kept in the same folder.</source>
        <translation>无法打开数据文件夹 %1。数据库的备份（*.bak）保存在同一文件夹中。</translation>
    </message>
    <message>
        <source>Cannot open the data</source>
        <extracomment>A frame that is never painted (started minimised, say) still opens the data after this long.</extracomment>
        <translation>无法打开数据</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Fieldbook — S&amp;T service log</source>
        <extracomment>Page keys in navigation order; the sync and review work plugs into &quot;review&quot; and the status bar.</extracomment>
        <translation>科技特派员服务日志</translation>
    </message>
    <message>
        <source>New visit</source>
        <translation>新建服务记录</translation>
    </message>
    <message>
        <source>New training session</source>
        <translation>新建培训</translation>
    </message>
    <message>
        <source>New household</source>
        <translation>新增服务对象</translation>
    </message>
    <message>
        <source>Demonstrations</source>
        <translation>示范基地和项目</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Service visits</source>
        <translation>服务记录</translation>
    </message>
    <message>
        <source> (demo: sample data, removed on closing)</source>
        <translation>（演示：示例数据，关闭后删除）</translation>
    </message>
    <message>
        <source>Trainings</source>
        <translation>培训</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>农牧户</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>New &amp;visit</source>
        <translation>新建服务记录(&amp;V)</translation>
    </message>
    <message>
        <source>New &amp;training session</source>
        <translation>新建培训(&amp;T)</translation>
    </message>
    <message>
        <source>New &amp;household</source>
        <translation>新增服务对象(&amp;H)</translation>
    </message>
    <message>
        <source>New demonstration &amp;base</source>
        <translation>新建示范基地(&amp;B)</translation>
    </message>
    <message>
        <source>New demonstration &amp;project</source>
        <translation>新建示范项目(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>用户指南(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;About Fieldbook</source>
        <translation>关于服务日志(&amp;A)</translation>
    </message>
    <message>
        <source>About Fieldbook</source>
        <translation>关于服务日志</translation>
    </message>
    <message>
        <source>&lt;b&gt;Fieldbook — S&amp;amp;T service log&lt;/b&gt;&lt;br&gt;For the specialists of the Inner Mongolia action plan &quot;Excellent young and middle-aged S&amp;amp;T talents help rural revitalisation&quot;: record visits, training sessions and households offline, and sync at the township office.</source>
        <translation>&lt;b&gt;科技特派员服务日志&lt;/b&gt;&lt;br&gt;服务于内蒙古自治区“优秀中青年科技人才助力乡村振兴专项行动”的科技人员：无网络时也能记录服务、培训和服务对象，到苏木乡镇有网络时再同步。</translation>
    </message>
</context>
<context>
    <name>MapCanvas</name>
    <message>
        <source>No position is known in this county yet: add GPS positions to visits (or photos taken with a phone), and their villages appear here.</source>
        <translation>本旗县还没有已知位置：为服务记录填写定位（或添加手机拍摄的照片），所在村就会出现在这里。</translation>
    </message>
    <message>
        <source>visit at its GPS position</source>
        <translation>服务（按其定位）</translation>
    </message>
    <message>
        <source>visit at its village</source>
        <translation>服务（按所在村位置）</translation>
    </message>
    <message>
        <source>village (placed from visits&apos; GPS)</source>
        <translation>村（位置来自服务定位）</translation>
    </message>
</context>
<context>
    <name>MemberTimelineDialog</name>
    <message>
        <source>Timeline of %1</source>
        <translation>%1 的服务时间线</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Review state</source>
        <translation>审核状态</translation>
    </message>
    <message>
        <source>%1 to %2 · %3 visits · %4 on-site days · %5 households · %6 trainings</source>
        <translation>%1 至 %2 · 服务 %3 次 · 现场服务 %4 天 · 服务对象 %5 户 · 培训 %6 场</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>服务记录</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>培训</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Passphrase:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Again:</source>
        <translation>再次输入：</translation>
    </message>
    <message>
        <source>At least %1 characters.</source>
        <translation>至少 %1 个字符。</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Unlock Fieldbook</source>
        <translation>解锁 Fieldbook</translation>
    </message>
    <message>
        <source>Protect your data</source>
        <translation>保护您的数据</translation>
    </message>
    <message>
        <source>That passphrase did not open your data. Try again.</source>
        <translation>该密码无法打开您的数据，请重试。</translation>
    </message>
    <message>
        <source>This computer has no secure key store, so your records are encrypted with a passphrase. Choose one and keep it safe: without it the data cannot be read.</source>
        <translation>这台电脑没有安全的密钥存储，因此您的记录将用密码加密。请设置密码并妥善保管：没有它，数据将无法读取。</translation>
    </message>
    <message>
        <source>Type the passphrase of your Fieldbook data.</source>
        <translation>请输入您的 Fieldbook 数据密码。</translation>
    </message>
    <message>
        <source>Backup passphrase</source>
        <translation>备份密码</translation>
    </message>
    <message>
        <source>The backup is encrypted. Choose a passphrase for it; it is asked for when the backup is restored, and without it the backup cannot be read.</source>
        <translation>备份将被加密。请为它设置密码；恢复备份时需要输入该密码，没有它备份将无法读取。</translation>
    </message>
    <message>
        <source>Type the passphrase chosen when this backup was made.</source>
        <translation>请输入制作此备份时设置的密码。</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <source>Month</source>
        <translation>按月</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>按季度</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>按年</translation>
    </message>
    <message>
        <source>Month %1</source>
        <translation>%1 月</translation>
    </message>
    <message>
        <source>Q%1</source>
        <translation>第 %1 季度</translation>
    </message>
</context>
<context>
    <name>PhotoFactsOffer</name>
    <message>
        <source>Use them</source>
        <translation>填入</translation>
    </message>
    <message>
        <source>No, thanks</source>
        <translation>不用</translation>
    </message>
    <message>
        <source>taken on %1</source>
        <translation>拍摄于 %1</translation>
    </message>
    <message>
        <source>at %1, %2</source>
        <translation>位置 %1, %2</translation>
    </message>
    <message>
        <source>Use them for the visit&apos;s date and GPS position?</source>
        <translation>用作本次服务的日期和定位吗？</translation>
    </message>
    <message>
        <source>Use it for the visit&apos;s date?</source>
        <translation>用作本次服务的日期吗？</translation>
    </message>
    <message>
        <source>Use it for the visit&apos;s GPS position?</source>
        <translation>用作本次服务的定位吗？</translation>
    </message>
    <message>
        <source>The photo was %1. %2</source>
        <translation>照片%1。%2</translation>
    </message>
    <message>
        <source> and </source>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>PhotoStrip</name>
    <message>
        <source>Add photos…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Double-click a photo to view it large.</source>
        <translation>双击照片可查看大图。</translation>
    </message>
    <message>
        <source>Add photos</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <source>Images (*.jpg *.jpeg *.png *.heic *.webp *.bmp)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.heic *.webp *.bmp)</translation>
    </message>
    <message>
        <source>Photo not added</source>
        <translation>照片未添加</translation>
    </message>
    <message>
        <source>%1 is not a picture this program can read.</source>
        <translation>无法读取图片“%1”。</translation>
    </message>
    <message>
        <source>not on this device</source>
        <translation>不在本机</translation>
    </message>
    <message>
        <source>This photo has not been downloaded to this laptop.</source>
        <translation>这张照片尚未下载到本机。</translation>
    </message>
</context>
<context>
    <name>PhotoViewerDialog</name>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>This photo has not been downloaded to this laptop.</source>
        <translation>这张照片尚未下载到本机。</translation>
    </message>
</context>
<context>
    <name>RecordColumns</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>服务户数</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>服务类型</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>产业</translation>
    </message>
    <message>
        <source>Problem found</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审核状态</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>培训主题</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名/名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Industries</source>
        <translation>产业</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>提交审核</translation>
    </message>
    <message>
        <source>Restored from an autosaved draft; not saved yet.</source>
        <translation>已从自动保存的草稿恢复，尚未保存。</translation>
    </message>
    <message>
        <source>Returned for fixes: %1</source>
        <translation>已退回修改：%1</translation>
    </message>
    <message>
        <source>Ready to save.</source>
        <translation>可以保存了。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Saved at %1.</source>
        <translation>已于 %1 保存。</translation>
    </message>
    <message>
        <source>A change made elsewhere meanwhile was kept too: %1.</source>
        <translation>其间在别处所做的更改也已保留：%1。</translation>
    </message>
    <message>
        <source>Not saved: please correct the marked fields.</source>
        <translation>未保存：请修改标红的项目。</translation>
    </message>
    <message>
        <source>Not saved: this record changed elsewhere.</source>
        <translation>未保存：这条记录已在别处更改。</translation>
    </message>
    <message>
        <source>Reloaded: the saved values are shown; your other changes are kept, not saved yet.</source>
        <translation>已重新载入：显示的是已保存的值；您的其他更改仍保留，尚未保存。</translation>
    </message>
    <message>
        <source>Not saved.</source>
        <translation>未保存。</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>有未保存的修改</translation>
    </message>
    <message>
        <source>Save your changes before closing?</source>
        <translation>关闭前是否保存修改？</translation>
    </message>
</context>
<context>
    <name>RecordListPage</name>
    <message>
        <source>New record (Ctrl+N)</source>
        <translation>新建（Ctrl+N）</translation>
    </message>
    <message>
        <source>Map…</source>
        <translation>地图…</translation>
    </message>
    <message>
        <source>Your visits on a map of your county&apos;s townships and villages</source>
        <translation>在本旗县乡镇和村的地图上查看您的服务</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n record(s) shown</source>
        <translation>
            <numerusform>共 %n 条，已显示 %1 条</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>Submitted for review</source>
        <translation>提交审核</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <source>Returned for fixes</source>
        <translation>退回修改</translation>
    </message>
    <message>
        <source>Marked as a typical case</source>
        <translation>标记为典型案例</translation>
    </message>
    <message>
        <source>No longer a typical case</source>
        <translation>取消典型案例</translation>
    </message>
    <message>
        <source>Review a record</source>
        <translation>审核记录</translation>
    </message>
    <message>
        <source>Comment for the author (required to return the record)</source>
        <translation>给填报人的意见（退回时必填）</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Return for fixes</source>
        <translation>退回修改</translation>
    </message>
    <message>
        <source>Open in form to fix</source>
        <translation>打开表单修改</translation>
    </message>
    <message>
        <source>Typical case: a short write-up of why this record is worth showing (at most %1 characters)</source>
        <translation>典型案例：简述这条记录值得推广的原因（最多 %1 字）</translation>
    </message>
    <message>
        <source>Mark as typical case</source>
        <translation>标为典型案例</translation>
    </message>
    <message>
        <source>Not a typical case</source>
        <translation>取消典型案例</translation>
    </message>
    <message>
        <source>This record no longer exists.</source>
        <translation>该记录已不存在。</translation>
    </message>
    <message>
        <source>Not marked as a typical case.</source>
        <translation>尚未标记为典型案例。</translation>
    </message>
    <message>
        <source>Typical case: %1</source>
        <translation>典型案例：%1</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Service visit</source>
        <translation>服务记录</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>服务方式</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>时长（小时）</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>服务对象</translation>
    </message>
    <message>
        <source>Service types</source>
        <translation>服务类型</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>产业</translation>
    </message>
    <message>
        <source>Problem found</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <source>Advice and measures</source>
        <translation>建议与措施</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>回访日期</translation>
    </message>
    <message>
        <source>Training session</source>
        <translation>培训</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Trainers</source>
        <translation>授课人</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>参训人员</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>填报人</translation>
    </message>
    <message>
        <source>Review state</source>
        <translation>审核状态</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Demonstration base</source>
        <translation>示范基地</translation>
    </message>
    <message>
        <source>Demonstration project</source>
        <translation>示范项目</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Responsible specialist</source>
        <translation>负责专家</translation>
    </message>
    <message>
        <source>Years</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Area (mu)</source>
        <translation>面积（亩）</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>规模</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>简介</translation>
    </message>
    <message>
        <source>Not submitted for review yet.</source>
        <translation>尚未提交审核。</translation>
    </message>
    <message>
        <source>Review trail</source>
        <translation>审核记录</translation>
    </message>
    <message>
        <source>Say what needs fixing, so the author can correct it.</source>
        <translation>请写明需要修改的内容，以便填报人更正。</translation>
    </message>
    <message>
        <source>Write up the typical case in 1 to %1 characters.</source>
        <translation>请用 1 至 %1 个字简述典型案例。</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Review of the team&apos;s records</source>
        <translation>团队记录审核</translation>
    </message>
    <message>
        <source>My records under review</source>
        <translation>我的记录审核情况</translation>
    </message>
    <message>
        <source>Industries not in the list…</source>
        <translation>列表外的产业…</translation>
    </message>
    <message>
        <source>Review queue</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>Review state</source>
        <translation>审核状态</translation>
    </message>
    <message>
        <source>Team log</source>
        <translation>团队日志</translation>
    </message>
    <message>
        <source>My log</source>
        <translation>我的日志</translation>
    </message>
</context>
<context>
    <name>ReviewQueue</name>
    <message>
        <source>(all members)</source>
        <translation>（全部成员）</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <source>(any review state)</source>
        <translation>（全部审核状态）</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>填报人</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Review state</source>
        <translation>审核状态</translation>
    </message>
    <message>
        <source>Reviewer&apos;s comment</source>
        <translation>审核意见</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>查看…</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Return with comment…</source>
        <translation>填写意见并退回…</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Fix and resubmit…</source>
        <translation>修改并重新提交…</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>服务记录</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>培训</translation>
    </message>
    <message>
        <source>Demonstration base</source>
        <translation>示范基地</translation>
    </message>
    <message>
        <source>Demonstration project</source>
        <translation>示范项目</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n 条记录</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) returned to you for fixes. Open one, correct it and submit it again.</source>
        <translation>
            <numerusform>有 %n 条记录被退回修改。请打开记录，改正后重新提交。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Approve %n selected</source>
        <translation>
            <numerusform>批准所选 %n 条</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) approved.</source>
        <translation>
            <numerusform>已批准 %n 条记录。</numerusform>
        </translation>
    </message>
    <message>
        <source>Approval undone.</source>
        <translation>已撤销批准。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <extracomment>Language names are shown in their own language, so anyone can find theirs.</extracomment>
        <translation>设置</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>A new data folder is used the next time Fieldbook starts. Records are not moved: copy the folder yourself if needed.</source>
        <translation>新的数据文件夹在下次启动时生效。原有记录不会自动搬移，如有需要请自行复制该文件夹。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to the server</source>
        <translation>登录服务器</translation>
    </message>
    <message>
        <source>Sign in with the account your administrator gave you. Your records stay on this computer; signing in lets them sync with the server.</source>
        <translation>请使用管理员分配的账号登录。记录仍保存在本机，登录后即可与服务器同步。</translation>
    </message>
    <message>
        <source>First sign-in with an activation code</source>
        <translation>使用激活码首次登录</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Activation code</source>
        <translation>激活码</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Repeat the new password</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Enter the server address, starting with https://</source>
        <translation>请输入服务器地址，以 https:// 开头</translation>
    </message>
    <message>
        <source>Enter your user name and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>Enter your user name (your mobile number).</source>
        <translation>请输入用户名（您的手机号）。</translation>
    </message>
    <message>
        <source>Enter the activation code from your sheet.</source>
        <translation>请输入激活码单上的激活码。</translation>
    </message>
    <message>
        <source>Choose a password of at least %1 characters.</source>
        <translation>请设置至少 %1 个字符的密码。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Signed in as %1.</source>
        <translation>已登录为 %1。</translation>
    </message>
</context>
<context>
    <name>StartupFrame</name>
    <message>
        <source>Opening your data…</source>
        <translation>正在打开数据…</translation>
    </message>
</context>
<context>
    <name>StatisticsPage</name>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Edit targets…</source>
        <translation>编辑目标…</translation>
    </message>
    <message>
        <source>Households served</source>
        <translation>服务农牧户（主体）数</translation>
    </message>
    <message>
        <source>People trained (backbones, local experts, tech-savvy villagers)</source>
        <translation>培训技术骨干、土专家、技术明白人（人次）</translation>
    </message>
    <message>
        <source>Grassroots extension staff trained</source>
        <translation>培训基层农技人员（人次）</translation>
    </message>
    <message>
        <source>Specialists below %1 on-site days</source>
        <translation>现场服务不足 %1 天的特派员</translation>
    </message>
    <message>
        <source>Visits by service type</source>
        <translation>按服务类型统计服务次数</translation>
    </message>
    <message>
        <source>Include submitted records not yet reviewed</source>
        <translation>含已提交未审核的记录</translation>
    </message>
    <message>
        <source>Service type</source>
        <translation>服务类型</translation>
    </message>
    <message>
        <source>Visits by industry</source>
        <translation>按产业统计服务次数</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>产业</translation>
    </message>
    <message>
        <source>County</source>
        <translation>旗县</translation>
    </message>
    <message>
        <source>Leading industries guided</source>
        <translation>已指导主导产业</translation>
    </message>
    <message>
        <source>Not guided yet</source>
        <translation>尚未指导的产业</translation>
    </message>
    <message>
        <source>Townships with on-site service</source>
        <translation>驻点服务乡镇</translation>
    </message>
    <message>
        <source>Villages served</source>
        <translation>服务行政村</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>年度：</translation>
    </message>
    <message>
        <source>Area:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <source>Three coverages by county (double-click a county for what is not covered)</source>
        <translation>“三覆盖”情况（双击旗县查看未覆盖明细）</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>League</source>
        <translation>盟市</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>全区</translation>
    </message>
    <message>
        <source>Set your station or county in the settings to see statistics.</source>
        <translation>请先在设置中选择所属工作站或旗县，再查看统计。</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>%1 visits (%2 on site), %3 trainings</source>
        <translation>服务 %1 次（现场 %2 次），培训 %3 场</translation>
    </message>
    <message>
        <source>Counts approved records only</source>
        <translation>仅计已审核通过的记录</translation>
    </message>
    <message>
        <source>Counts approved records and submitted records not yet reviewed (unreviewed included)</source>
        <translation>计已通过及已提交待审核的记录（含未审核）</translation>
    </message>
    <message numerus="yes">
        <source>of %n specialist(s) with visits this year</source>
        <translation>
            <numerusform>本年度有服务记录的特派员共 %n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>Below %1 on-site days: %2</source>
        <translation>现场服务不足 %1 天：%2</translation>
    </message>
    <message>
        <source>%1 % of the plan&apos;s %2</source>
        <translation>完成计划目标 %2 的 %1%</translation>
    </message>
    <message>
        <source>Region-wide target: %1 (not divided among areas)</source>
        <translation>全区目标：%1（未分解到各地）</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF report (*.pdf)</source>
        <translation>PDF 报告 (*.pdf)</translation>
    </message>
    <message>
        <source>Export statistics</source>
        <translation>导出统计</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
</context>
<context>
    <name>StoreKey</name>
    <message>
        <source>This data folder is encrypted with a passphrase and none was given (on the command line: --passphrase-stdin or $FIELDBOOK_PASSPHRASE).</source>
        <extracomment>The exit code of a headless command that could not open the encrypted data folder (no passphrase, a wrong one, no key). What the user is told for each problem (the app translates these, the commands print them).</extracomment>
        <translation>此数据文件夹已用密码加密，但未提供密码（命令行中可用 --passphrase-stdin 或 $FIELDBOOK_PASSPHRASE）。</translation>
    </message>
    <message>
        <source>This passphrase does not open the data folder. Nothing was changed.</source>
        <translation>此密码无法打开数据文件夹。未做任何更改。</translation>
    </message>
    <message>
        <source>The key of this data folder is not in this computer&apos;s key store (another user account, or the key store was reset). Restore a backup into a new data folder.</source>
        <translation>这台电脑的密钥存储中没有此数据文件夹的密钥（可能是其他用户账户，或密钥存储已被重置）。请将备份恢复到新的数据文件夹。</translation>
    </message>
    <message>
        <source>Choose a passphrase of at least 8 characters.</source>
        <translation>请设置至少 8 个字符的密码。</translation>
    </message>
</context>
<context>
    <name>SyncActions</name>
    <message>
        <source>S&amp;ync</source>
        <translation>同步(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <source>Send your changes to the server and receive the others&apos; (Ctrl+R)</source>
        <translation>把本机的更改发送到服务器，并接收他人的更改（Ctrl+R）</translation>
    </message>
    <message>
        <source>Sign &amp;in to the server…</source>
        <translation>登录服务器(&amp;I)…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Conflicts and refused changes…</source>
        <translation>冲突与被拒绝的更改(&amp;C)…</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Syncing automatically…</source>
        <translation>正在自动同步…</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
</context>
<context>
    <name>SyncMessages</name>
    <message>
        <source>Cannot reach the server. Check the network connection and try again.</source>
        <extracomment>The sync module&apos;s English messages (sync/ never imports Qt), marked here for the translators.</extracomment>
        <translation>无法连接服务器。请检查网络连接后重试。</translation>
    </message>
    <message>
        <source>The server did not accept your sign-in. Please sign in again.</source>
        <translation>服务器未接受您的登录，请重新登录。</translation>
    </message>
    <message>
        <source>This device has been revoked by an administrator. Ask them to restore it, then sign in again.</source>
        <translation>本设备已被管理员停用。请联系管理员恢复后重新登录。</translation>
    </message>
    <message>
        <source>This version of Fieldbook is too old for the server; please upgrade.</source>
        <translation>此版本的服务日志过旧，服务器已不再支持，请升级。</translation>
    </message>
    <message>
        <source>The server had a problem. Your records are safe on this computer; try again later.</source>
        <translation>服务器出现问题。您的记录已安全保存在本机，请稍后再试。</translation>
    </message>
    <message>
        <source>The server and this version of Fieldbook do not understand each other.</source>
        <translation>服务器与此版本的服务日志无法互相识别。</translation>
    </message>
    <message>
        <source>The user name or password is wrong.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>The user name or activation code is wrong, or the code was used or has expired. Ask your administrator for a new code.</source>
        <translation>用户名或激活码错误，或激活码已使用、已过期。请向管理员申请新的激活码。</translation>
    </message>
    <message>
        <source>Too many failed sign-ins. Wait a little and try again.</source>
        <translation>登录失败次数过多，请稍候再试。</translation>
    </message>
    <message>
        <source>This account has been deactivated. Ask your administrator.</source>
        <translation>此账号已被停用，请联系管理员。</translation>
    </message>
    <message>
        <source>This computer&apos;s profile is registered to another user. Use your own profile to sign in.</source>
        <translation>本机的数据档案已登记给其他用户。请使用您自己的档案登录。</translation>
    </message>
    <message>
        <source>This profile belongs to another account. Sign in as its owner, or use another profile for this account.</source>
        <translation>此数据档案属于另一个账号。请以该账号登录，或为此账号使用另一个档案。</translation>
    </message>
    <message>
        <source>Enter your user name and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
    <message>
        <source>The server address is not usable; write it as https://name.of.the.server</source>
        <translation>服务器地址无法使用；请写成 https://服务器名称 的形式</translation>
    </message>
    <message>
        <source>Your sign-in has ended because your password, role or station was changed. Please sign in again; changes not sent yet are kept and sent then.</source>
        <translation>您的密码、角色或工作站已更改，登录已失效。请重新登录；尚未发送的更改都已保留，登录后将一并发送。</translation>
    </message>
    <message>
        <source>Sign in to the server first.</source>
        <translation>请先登录服务器。</translation>
    </message>
    <message>
        <source>No secure key store on this computer; you will be asked to sign in again next time.</source>
        <translation>本机没有安全的密钥存储，下次启动时需要重新登录。</translation>
    </message>
    <message>
        <source>Sending changes</source>
        <translation>正在发送更改</translation>
    </message>
    <message>
        <source>Receiving changes</source>
        <translation>正在接收更改</translation>
    </message>
    <message>
        <source>Sending photos</source>
        <translation>正在上传照片</translation>
    </message>
    <message>
        <source>Receiving photos</source>
        <translation>正在下载照片</translation>
    </message>
    <message>
        <source>Too many failed sign-ins. Try again in %1 seconds.</source>
        <translation>登录失败次数过多，请 %1 秒后再试。</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation>%1：%2 / %3</translation>
    </message>
    <message>
        <source>%1: %2 so far</source>
        <translation>%1：已完成 %2</translation>
    </message>
    <message>
        <source>Sync stopped: %1</source>
        <translation>同步中断：%1</translation>
    </message>
    <message>
        <source>Sync cancelled. Nothing is lost; the next sync continues where this one stopped.</source>
        <translation>同步已取消。数据不会丢失，下次同步会从中断处继续。</translation>
    </message>
    <message>
        <source>Sync finished.</source>
        <translation>同步完成。</translation>
    </message>
    <message>
        <source>Sync did not finish.</source>
        <translation>同步未完成。</translation>
    </message>
    <message>
        <source>Sent: %1 · received: %2</source>
        <translation>已发送：%1 · 已接收：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) met another person&apos;s edit: see Conflicts.</source>
        <translation>
            <numerusform>%n 项更改与他人的修改冲突，请查看“冲突”。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) were refused by the server: see Conflicts.</source>
        <translation>
            <numerusform>%n 项更改被服务器拒绝，请查看“冲突”。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) from the server could not be stored here and were set aside: see Conflicts.</source>
        <translation>
            <numerusform>%n 条来自服务器的记录无法在本机保存，已暂存待处理，请查看“冲突”。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) still waiting to be sent.</source>
        <translation>
            <numerusform>还有 %n 项更改等待发送。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) still waiting to be sent.</source>
        <translation>
            <numerusform>还有 %n 张照片等待上传。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) still waiting to be received.</source>
        <translation>
            <numerusform>还有 %n 张照片等待下载。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing is waiting to be sent.</source>
        <translation>没有等待发送的内容。</translation>
    </message>
</context>
<context>
    <name>SyncProgressDialog</name>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation>正在连接服务器…</translation>
    </message>
    <message>
        <source>Stopping after the current step…</source>
        <translation>正在停止（完成当前步骤后）…</translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <source>Signed in: %1 (%2)</source>
        <translation>当前用户：%1（%2）</translation>
    </message>
    <message>
        <source>Not set up</source>
        <translation>尚未设置用户</translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n 个冲突</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n received record(s) set aside</source>
        <translation>
            <numerusform>%n 条收到的记录未能保存</numerusform>
        </translation>
    </message>
    <message>
        <source>No server set</source>
        <translation>未配置服务器</translation>
    </message>
    <message>
        <source>Use Sync → Sign in to the server… to link this laptop to one.</source>
        <translation>请用“同步 → 登录服务器…”将本机关联到服务器。</translation>
    </message>
    <message>
        <source>Server not checked yet</source>
        <translation>尚未连接服务器</translation>
    </message>
    <message>
        <source>Fieldbook asks the server once you are signed in; Sync → Sync now asks at once.</source>
        <translation>登录后本机会自动询问服务器；“同步 → 立即同步”可马上连接。</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>The server did not answer: changes wait on this laptop until it does.</source>
        <translation>服务器没有应答：修改保存在本机，等连上后再同步。</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting to sync</source>
        <translation>
            <numerusform>%n 项修改待同步</numerusform>
        </translation>
    </message>
    <message>
        <source>All changes synced</source>
        <translation>修改均已同步</translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>上次同步：%1</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>尚未同步</translation>
    </message>
</context>
<context>
    <name>TargetsDialog</name>
    <message>
        <source>Whole region</source>
        <translation>全区</translation>
    </message>
    <message>
        <source>Each county</source>
        <translation>每个旗县（市、区）</translation>
    </message>
    <message>
        <source>Each specialist</source>
        <translation>每名科技特派员</translation>
    </message>
    <message>
        <source>Edit targets</source>
        <translation>编辑目标任务</translation>
    </message>
    <message>
        <source>The plan&apos;s targets for the whole region. A change is saved on the server and reaches every device at its next sync.</source>
        <translation>全区实施方案的目标任务。修改保存在服务器上，各设备下次同步时获得。</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Applies to</source>
        <translation>适用范围</translation>
    </message>
    <message>
        <source>Saving on the server…</source>
        <translation>正在保存到服务器…</translation>
    </message>
    <message>
        <source>Something went wrong; see the error report.</source>
        <translation>出现错误，请查看错误报告。</translation>
    </message>
    <message>
        <source>Only a region administrator may change the plan&apos;s targets.</source>
        <translation>只有自治区管理员可以修改方案目标。</translation>
    </message>
    <message>
        <source>The targets were not changed. %1</source>
        <translation>目标未修改。%1</translation>
    </message>
</context>
<context>
    <name>TeamLogPage</name>
    <message>
        <source>Member</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>服务次数</translation>
    </message>
    <message>
        <source>On-site days</source>
        <translation>现场服务天数</translation>
    </message>
    <message>
        <source>Households served</source>
        <translation>服务对象（户）</translation>
    </message>
    <message>
        <source>Trainings</source>
        <translation>培训场次</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Double-click a member to see their visits and trainings.</source>
        <translation>双击成员查看其服务记录和培训。</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>时段：</translation>
    </message>
    <message numerus="yes">
        <source>%1 to %2: %3 visits, %4 on-site days, %5 trainings by %n member(s)</source>
        <translation>
            <numerusform>%1 至 %2：%n 名成员共服务 %3 次，现场服务 %4 天，培训 %5 场</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrainingForm</name>
    <message>
        <source>e.g. village committee meeting room, demonstration field</source>
        <translation>如：村委会会议室、示范田</translation>
    </message>
    <message>
        <source>e.g. Spring sowing of maize with drip irrigation</source>
        <translation>如：玉米膜下滴灌春播技术</translation>
    </message>
    <message>
        <source>Names, separated by commas</source>
        <translation>姓名，多人用逗号分隔</translation>
    </message>
    <message>
        <source>e.g. 2.5</source>
        <translation>例如 2.5</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>所在村</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>培训主题</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>产业</translation>
    </message>
    <message>
        <source>Trainers</source>
        <translation>授课人</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>参训人数</translation>
    </message>
    <message>
        <source>Named attendees (optional)</source>
        <translation>参训对象名单（可不填）</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>New training session</source>
        <translation>新建培训</translation>
    </message>
    <message>
        <source>Training of %1</source>
        <translation>培训：%1</translation>
    </message>
    <message numerus="yes">
        <source>Total: %n person(s)</source>
        <translation>
            <numerusform>合计：%n 人</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UnlistedIndustriesDialog</name>
    <message>
        <source>Industries not in the list</source>
        <translation>列表外的产业</translation>
    </message>
    <message>
        <source>These industries were typed by hand and match no industry of the list. Choose one, then the industry of the list it means: every record using it is changed, and the change syncs.</source>
        <translation>以下产业是手工填写的，与产业列表中的任何一项都不对应。选中一项，再选它所指的列表产业：所有使用它的记录都会改为该产业，更改会同步。</translation>
    </message>
    <message>
        <source>Industry as typed</source>
        <translation>填写的产业</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>服务次数</translation>
    </message>
    <message>
        <source>Trainings</source>
        <translation>培训</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>服务对象</translation>
    </message>
    <message>
        <source>Every industry in the records is one of the list.</source>
        <translation>记录中的产业都在列表中。</translation>
    </message>
    <message>
        <source>Map to this industry</source>
        <translation>改为此产业</translation>
    </message>
    <message>
        <source>Means:</source>
        <translation>所指产业：</translation>
    </message>
    <message>
        <source>Choose an industry as typed first.</source>
        <translation>请先选中一项填写的产业。</translation>
    </message>
    <message>
        <source>Choose the industry of the list it means.</source>
        <translation>请选择它所指的列表产业。</translation>
    </message>
    <message>
        <source>“%1” is now %2.</source>
        <translation>“%1”已改为%2。</translation>
    </message>
</context>
<context>
    <name>Validation</name>
    <message>
        <source>This field is required.</source>
        <extracomment>The longest free text (a problem, advice, notes) a record may hold, on the device and the server. Names from a list (an industry, a trainer): short, as the server&apos;s columns keep them. How far back a visit or training may be dated, counted from the day it is recorded. The record types with rules; the others (review events, attachments, conflicts) have none here. Whether a household agreed to be named (in a training&apos;s attendance); the server, which checks a training without its households at hand, leaves this to the device. Whether a county or township code is on the official list; None: only its shape is checked.</extracomment>
        <translation>此项为必填项。</translation>
    </message>
    <message>
        <source>The date cannot be in the future.</source>
        <translation>日期不能晚于今天。</translation>
    </message>
    <message>
        <source>The date is more than two years ago.</source>
        <translation>日期早于两年前。</translation>
    </message>
    <message>
        <source>Enter a duration between 0.5 and %1 hours.</source>
        <translation>请填写 0.5 到 %1 小时之间的时长。</translation>
    </message>
    <message>
        <source>Choose a village from the official list.</source>
        <translation>请从行政区划列表中选择村。</translation>
    </message>
    <message>
        <source>The village is not in the chosen county.</source>
        <translation>该村不在所选旗县内。</translation>
    </message>
    <message>
        <source>Enter a mainland mobile (11 digits) or a landline with its area code.</source>
        <translation>请填写 11 位手机号，或带区号的固定电话。</translation>
    </message>
    <message>
        <source>Add at least one household served.</source>
        <translation>请至少添加一个服务对象。</translation>
    </message>
    <message>
        <source>Choose at least one service type.</source>
        <translation>请至少选择一种服务类型。</translation>
    </message>
    <message>
        <source>Choose one of the listed values.</source>
        <translation>请从列出的选项中选择。</translation>
    </message>
    <message>
        <source>The text is longer than %1 characters.</source>
        <translation>内容超过 %1 个字。</translation>
    </message>
    <message>
        <source>Enter a number, e.g. 2.5.</source>
        <translation>请填写数字，例如 2.5。</translation>
    </message>
    <message>
        <source>Enter a number between 0 and %1.</source>
        <translation>请填写 0 到 %1 之间的数值。</translation>
    </message>
    <message>
        <source>Enter a whole number between 0 and %1.</source>
        <translation>请填写 0 到 %1 之间的整数。</translation>
    </message>
    <message>
        <source>Enter at least one attendee.</source>
        <translation>请至少填写一名参训人员。</translation>
    </message>
    <message>
        <source>More people are named (%1) than attended in all (%2).</source>
        <translation>名单人数（%1）多于参训总人数（%2）。</translation>
    </message>
    <message>
        <source>The follow-up date must come after the visit.</source>
        <translation>回访日期须晚于服务日期。</translation>
    </message>
    <message>
        <source>The last day must fall after the first, in the same year, at most %1 days on.</source>
        <translation>结束日期须晚于开始日期，在同一年内，且不超过 %1 天。</translation>
    </message>
    <message>
        <source>The position is outside Inner Mongolia.</source>
        <translation>该位置不在内蒙古境内。</translation>
    </message>
    <message>
        <source>Enter both latitude and longitude, or neither.</source>
        <translation>经度和纬度须同时填写，或都不填。</translation>
    </message>
    <message>
        <source>Name each industry once, from the list or under Other.</source>
        <translation>每个产业只填一次：从列表中选择，或选“其他”后填写。</translation>
    </message>
    <message>
        <source>A phone number is kept only with the person&apos;s consent: tick Consent, or clear the phone.</source>
        <translation>须经本人同意才能保存电话号码：请勾选知情同意，或清空电话。</translation>
    </message>
    <message>
        <source>The notes hold an ID or phone number: kept only with consent. Tick Consent, or remove it.</source>
        <translation>备注中含有身份证号或电话号码，须经本人同意才能保存：请勾选知情同意，或删除该号码。</translation>
    </message>
    <message>
        <source>%1 of the named households did not agree to be named: remove them and count them above.</source>
        <translation>有 %1 户未同意具名：请移除，并计入上方的分类人数。</translation>
    </message>
    <message>
        <source>Choose a station from the list.</source>
        <translation>请从列表中选择工作站。</translation>
    </message>
    <message>
        <source>Choose a county from the list.</source>
        <translation>请从列表中选择旗县。</translation>
    </message>
    <message>
        <source>You cannot do this to a record in this state.</source>
        <translation>该记录当前状态下不能进行此操作。</translation>
    </message>
    <message>
        <source>Say what needs fixing, so the author can correct it.</source>
        <translation>请写明需要修改的内容，以便填报人更正。</translation>
    </message>
    <message>
        <source>Write up the typical case in 1 to 500 characters.</source>
        <translation>请用 1 至 500 个字简述典型案例。</translation>
    </message>
    <message>
        <source>Enter a number from 0 to %1.</source>
        <translation>请填写 0 到 %1 之间的数值。</translation>
    </message>
    <message>
        <source>Choose a county (旗县区) from the official list.</source>
        <extracomment>The first year a base may say it was set up in, and the longest a project may run. An industry&apos;s name and a scale (&quot;600头&quot;, &quot;3 greenhouses&quot;) are short; an area beyond this is a typo.</extracomment>
        <translation>请从官方名单中选择旗县区。</translation>
    </message>
    <message>
        <source>Choose a township of the chosen county from the official list.</source>
        <translation>请从官方名单中选择所选旗县区内的乡镇。</translation>
    </message>
    <message>
        <source>Choose a village of the chosen township from the official list.</source>
        <translation>请从官方名单中选择所选乡镇内的村。</translation>
    </message>
    <message>
        <source>Enter a year from %1 to %2.</source>
        <translation>请填写 %1 到 %2 之间的年份。</translation>
    </message>
    <message>
        <source>The last year cannot come before the first, nor more than %1 years after it.</source>
        <translation>结束年份不能早于起始年份，也不能晚于起始年份 %1 年以上。</translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message>
        <source>e.g. 2.5</source>
        <translation>例如 2.5</translation>
    </message>
    <message>
        <source>What did you find? e.g. maize leaves yellowing in the lower field</source>
        <translation>发现了什么问题？如：下茬地玉米叶片发黄</translation>
    </message>
    <message>
        <source>What did you advise or do?</source>
        <translation>提出了哪些建议、采取了哪些措施？</translation>
    </message>
    <message>
        <source>Planned for</source>
        <translation>计划日期</translation>
    </message>
    <message>
        <source>Several days, until</source>
        <translation>多日服务，截至</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>基地</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>How</source>
        <translation>服务方式</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>服务时长</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>所在村</translation>
    </message>
    <message>
        <source>Households served</source>
        <translation>服务对象</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>服务类型</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>产业</translation>
    </message>
    <message>
        <source>Problem found</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <source>Advice and measures</source>
        <translation>建议与措施</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>GPS (optional)</source>
        <translation>定位（可不填）</translation>
    </message>
    <message>
        <source>Demonstration base or project (optional)</source>
        <translation>示范基地/项目</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Only on-site visits count toward the 60 on-site days a year.</source>
        <translation>只有现场服务计入每年 60 天的现场服务天数。</translation>
    </message>
    <message>
        <source>New visit</source>
        <translation>新建服务记录</translation>
    </message>
    <message>
        <source>Visit of %1</source>
        <translation>服务记录：%1</translation>
    </message>
</context>
<context>
    <name>VisitMapDialog</name>
    <message>
        <source>Map of visits</source>
        <translation>服务地图</translation>
    </message>
    <message>
        <source>Villages with visits but no position yet</source>
        <translation>有服务但尚无位置的村</translation>
    </message>
    <message>
        <source>Choose your home county in the settings to see its map.</source>
        <translation>请先在设置中选择所在旗县，才能查看地图。</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n visit(s) drawn.</source>
        <translation>
            <numerusform>%1：已绘出 %n 次服务。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 villages and %3 of %4 townships are placed from the GPS positions of visits (no map tiles: nothing is downloaded).</source>
        <translation>%2 个村中有 %1 个、%4 个乡镇中有 %3 个的位置来自服务定位（不使用在线地图，不下载任何内容）。</translation>
    </message>
    <message numerus="yes">
        <source>%1 / %2: %n visit(s)</source>
        <translation>
            <numerusform>%1 / %2：%n 次服务</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <source>S&amp;T commissioner</source>
        <translation>科技特派员</translation>
    </message>
    <message>
        <source>Specially hired extension agent</source>
        <translation>特聘农技员</translation>
    </message>
    <message>
        <source>Grassroots extension staff</source>
        <translation>基层农技人员</translation>
    </message>
    <message>
        <source>&quot;Three areas&quot; talent</source>
        <translation>“三区”人才</translation>
    </message>
    <message>
        <source>National S&amp;T team member</source>
        <translation>科技特派团成员</translation>
    </message>
    <message>
        <source>Farming or herding household</source>
        <translation>农牧户</translation>
    </message>
    <message>
        <source>Cooperative</source>
        <translation>合作社</translation>
    </message>
    <message>
        <source>Family farm</source>
        <translation>家庭农场</translation>
    </message>
    <message>
        <source>Large grower or breeder</source>
        <translation>种养殖大户</translation>
    </message>
    <message>
        <source>Leading enterprise</source>
        <translation>龙头企业</translation>
    </message>
    <message>
        <source>Demonstration entity</source>
        <translation>示范主体</translation>
    </message>
    <message>
        <source>On site</source>
        <translation>现场</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>Video call</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>Technical guidance</source>
        <translation>技术指导</translation>
    </message>
    <message>
        <source>Policy promotion</source>
        <translation>政策宣传</translation>
    </message>
    <message>
        <source>Transfer of results</source>
        <translation>成果转化</translation>
    </message>
    <message>
        <source>Crop growing</source>
        <translation>种植</translation>
    </message>
    <message>
        <source>Livestock</source>
        <translation>养殖</translation>
    </message>
    <message>
        <source>Greenhouses and facilities</source>
        <translation>设施农业</translation>
    </message>
    <message>
        <source>Crops and livestock together</source>
        <translation>种养结合</translation>
    </message>
    <message>
        <source>Leading-industry S&amp;T demonstration</source>
        <translation>优势特色产业科技示范</translation>
    </message>
    <message>
        <source>Extension demonstration</source>
        <translation>农技推广示范</translation>
    </message>
    <message>
        <source>Research and development</source>
        <translation>科技研发</translation>
    </message>
    <message>
        <source>S&amp;T training</source>
        <translation>科技培训</translation>
    </message>
    <message>
        <source>Linking production and sales</source>
        <translation>产销对接</translation>
    </message>
    <message>
        <source>Technical backbones</source>
        <translation>技术骨干</translation>
    </message>
    <message>
        <source>Local experts</source>
        <translation>土专家</translation>
    </message>
    <message>
        <source>Tech-savvy villagers</source>
        <translation>技术明白人</translation>
    </message>
    <message>
        <source>Farmers and herders</source>
        <translation>农牧民</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已通过</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>Specialist</source>
        <translation>科技人员</translation>
    </message>
    <message>
        <source>Station manager</source>
        <translation>工作站负责人</translation>
    </message>
    <message>
        <source>County administrator</source>
        <translation>旗县管理员</translation>
    </message>
    <message>
        <source>League administrator</source>
        <translation>盟市管理员</translation>
    </message>
    <message>
        <source>Region administrator</source>
        <translation>自治区管理员</translation>
    </message>
</context>
</TS>
