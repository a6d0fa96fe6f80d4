"""The console's words in Chinese (the default) and English: English is the source, like the app's .ts files."""

from __future__ import annotations

from fastapi import Request

LANG_COOKIE = "fieldbook_console_lang"
LANGUAGES = ("zh", "en")

ZH: dict[str, str] = {
    "Fieldbook console": "科技特派员服务日志 管理平台",
    "Sign in": "登录", "Sign out": "退出登录", "User name": "用户名", "Password": "密码",
    "Sign in with the account of the Fieldbook app.": "使用 Fieldbook 客户端的账号登录。",
    "Indicators": "统计指标", "Accounts": "账号", "Roster import": "名单导入", "Devices": "设备",
    "Targets": "目标", "Audit log": "审计日志", "Export XLSX": "导出 XLSX",
    "Evaluation": "年度考核", "Year-end evaluation": "年度考核", "Year": "年度", "Area": "范围", "Show": "显示",
    "Include submitted records not yet reviewed": "含已提交未审核的记录", "None": "无",
    "Follow-up subsidy recommendations": "后补助建议名单", "specialist": "科技特派员", "station": "工作站",
    "county": "旗县区", "Plan figures": "规划指标", "Typical cases": "典型案例",
    "The first 200 of %s; the workbook holds them all.": "仅显示前 200 个（共 %s 个），工作簿中有全部。",
    "The evaluation is for county, league and region administrators.": "年度考核供旗县、盟市和自治区管理员使用。",
    "Year": "年度", "Show": "查看", "Include submitted, not yet reviewed": "含已提交未审核的记录",
    "Counted: approved records only; drafts and returned records never count.":
        "统计口径：仅已审核通过的记录；草稿和被退回的记录不计入。",
    "Counted: approved records and submitted ones not yet reviewed; drafts and returned records never count.":
        "统计口径：已审核通过及已提交未审核的记录；草稿和被退回的记录不计入。", "Region": "自治区", "Station": "工作站", "Specialist": "专家",
    "Visits": "服务次数", "On-site visits": "现场服务", "Households served": "服务农牧户", "Trainings": "培训场次",
    "Local talent trained": "培养本土人才", "Grassroots technicians trained": "培训基层农技人员",
    "Specialists under the on-site days target": "现场服务天数未达标的专家",
    "On-site days": "现场服务天数", "Visits by service type": "按服务类型", "Visits by industry": "按产业",
    "Specialists": "专家", "Go to": "下级", "Leagues": "盟市", "Counties": "旗县区", "Stations": "工作站",
    "Coverage (三覆盖)": "三覆盖", "Townships served": "已服务苏木乡镇", "Villages served": "已服务嘎查村",
    "Name": "姓名", "Role": "角色", "Specialist type": "专家类型", "Area": "区域", "State": "状态",
    "Active": "正常", "Deactivated": "已停用", "Waiting for activation": "待激活", "Actions": "操作",
    "Deactivate": "停用", "Reactivate": "恢复", "Move to": "调到", "New activation code": "重置激活码",
    "Activation code for %s: %s": "%s 的新激活码：%s",
    "It works once, for %d days. The earlier code no longer works.": "仅可使用一次，%d 天内有效。之前的激活码已失效。",
    "Back": "返回", "Done": "完成", "Nothing was changed.": "未做任何修改。",
    "Upload the roster (.xlsx or .csv, at most 10 MB). Nothing is written before you confirm.":
        "上传名单（.xlsx 或 .csv，不超过 10 MB）。确认之前不会写入任何内容。",
    "Download the template sheet": "下载名单模板", "Check the roster": "检查名单",
    "The roster has problems; nothing was written. Fix these rows and upload it again:":
        "名单有问题，未写入任何内容。请修改以下各行后重新上传：",
    "Row": "行", "Column": "列", "Problem": "问题",
    "Import these accounts": "导入这些账号", "Imported.": "导入完成。",
    "Rows checked": "检查行数", "New accounts": "新建账号", "Updated": "更新", "Unchanged": "无变化",
    "Download the activation sheets (PDF)": "下载激活码单（PDF）",
    "Print them and hand them out; the codes are shown only now.": "请打印并分发；激活码只在此处显示一次。",
    "The file is larger than 10 MB; split the roster.": "文件超过 10 MB，请拆分名单后再上传。",
    "Choose a file first.": "请先选择文件。",
    "Device": "设备", "Owner": "使用人", "Last seen": "最近联系", "Revoked": "已吊销", "never": "从未",
    "Revoke": "吊销", "Reinstate": "恢复",
    "Target": "目标", "Value": "数值", "Unit": "单位", "Changed by": "修改人", "as shipped": "初始值",
    "Save": "保存", "Only a region administrator changes the targets.": "只有自治区管理员可以修改目标。",
    "When": "时间", "Who": "操作人", "Action": "操作", "On": "对象", "From": "来源", "Detail": "详情",
    "Export CSV": "导出 CSV",
    "The form had expired or did not come from this page; nothing was changed. Please try again.":
        "表单已过期或并非来自本页面，未做任何修改。请重试。",
    "Not found in your area.": "在您的管辖范围内未找到。",
    "Wrong user name or password.": "用户名或密码错误。",
    "This account has been deactivated.": "该账号已停用。",
    "This account is not activated yet: sign in once from the app with your activation code.":
        "该账号尚未激活：请先在客户端用激活码登录一次。",
    "Too many failed sign-ins; try again in %s seconds.": "登录失败次数过多，请 %s 秒后再试。",
    "Your session ended; sign in again.": "会话已结束，请重新登录。",
    "You may not see this page.": "您无权查看此页面。",
    "specialist": "专家", "station_manager": "站长", "county_admin": "旗县管理员", "league_admin": "盟市管理员",
    "region_admin": "自治区管理员",
    "commissioner": "科技特派员", "hired_agent": "特聘农技员", "grassroots": "基层农技员", "three_areas": "三区人才",
    "national_team": "科技特派团",
    "guidance": "技术指导", "policy": "政策宣传", "transfer": "成果转化", "research": "科技研发",
    "training": "科技培训", "marketing": "产销对接",
    "your own records": "本人记录", "your station's records": "本站记录",
    "No records yet.": "暂无记录。", "Team": "团队", "When (UTC)": "时间（UTC）",
    "roster_import": "导入名单", "account_activated": "账号激活", "account_deactivated": "停用账号",
    "account_reactivated": "恢复账号", "account_moved": "调动工作站", "activation_code_reset": "重置激活码",
    "device_revoked": "吊销设备", "device_reinstated": "恢复设备", "targets_changed": "修改目标",
    "account_added": "新建账号", "role_changed": "修改角色", "password_set": "设置密码",
}


#: Codes shown to people in English (the Chinese is in ZH).
EN: dict[str, str] = {
    "specialist": "Specialists", "station": "Workstations", "county": "Counties",
    "specialist": "specialist", "station_manager": "station manager", "county_admin": "county admin",
    "league_admin": "league admin", "region_admin": "region admin",
    "commissioner": "S&T commissioner", "hired_agent": "hired extension agent", "grassroots": "grassroots staff",
    "three_areas": "\"three areas\" talent", "national_team": "national team member",
    "guidance": "technical guidance", "policy": "policy outreach", "transfer": "technology transfer",
    "research": "research", "training": "training", "marketing": "market linkage",
    "roster_import": "roster imported", "account_activated": "account activated",
    "account_deactivated": "account deactivated", "account_reactivated": "account reactivated",
    "account_moved": "moved to another station", "activation_code_reset": "activation code reset",
    "device_revoked": "device revoked", "device_reinstated": "device reinstated", "targets_changed": "targets changed",
    "account_added": "account added", "role_changed": "role changed", "password_set": "password set",
}


def language(request: Request) -> str:
    lang = request.cookies.get(LANG_COOKIE, "zh")
    return lang if lang in LANGUAGES else "zh"


def translator(lang: str):
    def t(text: str, *args: object) -> str:
        phrase = ZH.get(text, text) if lang == "zh" else EN.get(text, text)
        return phrase % args if args else phrase
    return t
