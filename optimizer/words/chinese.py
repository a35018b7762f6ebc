"""The Chinese of everything the engine says: its sentences by their English template, the result
workbooks' sheet names and headers.

A sentence the engine makes is a Text (optimizer/words/text.py): its English template is the key of
TEXT_CHINESE, and the Chinese template takes the same values. Names of targets and figures are not here but
in the registry (optimizer/model/targets.py), beside their English. tests/words/test_chinese.py checks that
every template the engine makes has its Chinese here, with the same values, and nothing more.
"""

from __future__ import annotations

# The result workbooks' sheet names and headers (optimizer.io.export, optimizer.io.scenarios), by their English.
SHEETS_CHINESE = {
    "Summary": "结果摘要", "Selected": "入选项目", "Excluded": "未入选项目", "Spend by year": "分年度投资",
    "Capex by category": "分类别投资", "KPIs": "关键指标", "Constraints": "约束条件", "Comparison": "情景对比",
    "KPIs by year": "年度指标", "Five values": "五个价值", "Decision log": "决策记录",
}
EXPORT_CHINESE = {
    **SHEETS_CHINESE,
    # summary
    "Item": "事项", "Value": "数值", "Case file": "案例文件", "Run at": "运行时间", "Status": "状态",
    "Quality": "求解质量", "Objective": "优化目标", "Objective value ({unit})": "目标值（{unit}）",
    "Best proven bound ({unit})": "已证明的最优上界（{unit}）", "Gap": "最优性间隙", "Solve seconds": "求解用时（秒）",
    "Projects selected": "入选项目数", "Candidate projects": "候选项目数", "Total capex ({unit})": "投资总额（{unit}）",
    "Warning": "提示", "Diagnosis": "诊断", "points": "分",
    # decision log
    "App version": "软件版本", "Solver": "求解器", "Solver options": "求解参数",
    "SHA-256 of the case file": "案例文件的 SHA-256", "Override": "调整项", "Project": "项目",
    "Workbook value": "工作簿中的值", "Value used": "求解所用的值", "By": "调整方式", "--set": "--set",
    "app": "软件界面", "none: the case was solved as the workbook gives it": "无：按工作簿原样求解",
    "How": "具体操作", "slider": "假设分析滑块", "tick": "勾选项目（强制选入或排除）", "relax": "一键放宽冲突目标",
    "targets form": "目标表单", "rules tab": "规则页", "trade-off": "载入权衡曲线上的点",
    # projects
    "ID": "项目编号", "Name": "项目名称", "Entity": "投资主体", "Sector": "所属行业",
    "Strategic category": "战新产业类别", "Share": "参与比例", "Start year": "开工年",
    "Capex ({unit})": "投资额（{unit}）",
    "capex_{year} ({unit})": "投资_{year}（{unit}）", "Capex after {year} ({unit})": "{year}年以后投资（{unit}）",
    "NPV ({unit})": "净现值（{unit}）", "Profit ({unit})": "利润总额（{unit}）",
    "R&D spend ({unit})": "研发投入（{unit}）",
    "Risk grade": "风险等级", "Mandatory": "必选", "yes": "是", "no": "否", "Reason": "未入选原因", "Code": "原因代码",
    "Special supervision": "特别监管", "Selected under special supervision": "入选的特别监管类项目",
    # spend and categories
    "Year": "年度", "Spend ({unit})": "投资额（{unit}）", "Budget ({unit})": "预算（{unit}）",
    "Headroom ({unit})": "预算余量（{unit}）", "Utilisation": "预算使用率", "after {year}": "{year}年以后",
    "Total": "合计", "Spend by year against budget": "分年度投资与预算",
    "Capex by strategic category": "按战新产业类别的投资", "Share of capex": "占投资总额比例",
    "Traditional": "传统产业",
    # KPIs and constraints
    "KPI": "指标", "Unit": "单位", "Before": "投资前", "After": "投资后", "Target": "目标", "Target sense": "目标方向",
    "Met": "是否达成", "Key": "键名", "Constraint key": "约束键名", "Subject": "对象", "Label": "限额",
    "Limit": "限额值", "Binding": "是否紧约束",
    "Step looser": "放宽一步", "Worth of one step looser, re-solved ({unit})": "放宽一步的实际价值（重新求解，{unit}）",
    "Local rate at the chosen projects, per step ({unit})": "在所选项目处的局部变化率（每放宽一步，{unit}）",
    # scenarios
    "Projects chosen": "入选项目数", "Objective value": "目标值", "see objective": "见优化目标",
    "Projects that differ": "入选情况不同的项目",
    "Full capex ({unit})": "全额投资（{unit}）", "Chosen": "入选",
    "No project is funded differently in these scenarios.": "这些情景的入选项目及安排完全相同。",
    "In '{name}'": "在“{name}”中", "Scenario": "情景", "Created": "创建时间", "no limit": "不限", "none": "无",
    "Projects forced in": "必选项目", "Projects forced out": "排除项目", "Time limit": "求解时限", "seconds": "秒",
    "Optimality gap asked": "最优性间隙要求", "Status (result)": "状态（结果）",
    "Objective value (result)": "目标值（结果）", "No portfolio: {why}.": "无投资组合：{why}。",
    "Scenario {number}": "情景 {number}",
    # KPIs by year and the five values
    "Figure": "指标", "Note": "说明", "Capex in {region}": "{region}投资", "Projects that carry it": "承载项目",
    # the board pack (optimizer/report/pack.py)
    "Investment portfolio: board pack": "投资组合决策汇报材料", "Summary for the committee": "决策摘要",
    "Key figures before and after": "关键指标：投资前后对比", "Charts": "图表", "Recommended projects": "建议投资项目",
    "Projects left out": "未入选项目及原因", "Limits that bind": "紧约束及其价值",
    "Why the targets cannot all be met": "目标冲突诊断", "Settings used": "求解所用设置",
    "Full run rate": "全部达产后", "met": "达成", "missed": "未达成", "Spend": "投资额", "Budget": "预算",
    "Capex": "投资额", "Current level": "当前水平", "Limit value": "限额值", "Target value": "目标值",
    "Best reachable": "可达到的最好水平", "Conflicts with": "与之冲突的目标",
    "Worth of one step looser ({objective})": "放宽一步的实际价值（{objective}）",
    "Local rate (LP dual)": "局部边际值（线性规划对偶值）",
    "Binding limit": "起约束作用的限额", "Why it is supervised": "特别监管原因",
    "Settings and marks changed for this run": "本次求解调整的设置和标记",
}


# The engine's messages made as a Text (optimizer.words.text: the workbook reader's problems and warnings, the
# notes of explain), by their English template; the values are filled in as they are.
TEXT_CHINESE = {
    # how a problem is listed
    "{message}": "{message}", "{sheet}: {message}": "{sheet}：{message}",
    "{sheet}!{cell}: {message}": "{sheet}!{cell}：{message}",
    "Projects": "项目", "Settings": "约束与目标", "Enterprise": "企业基数",
    # the file (optimizer/io/xlsx.py)
    "{name} is a folder, not an Excel workbook": "{name} 是文件夹，不是 Excel 工作簿",
    "{name} is not a file but a device or a pipe": "{name} 不是文件，而是设备或管道",
    "{name} is more than {size}; a case workbook is far smaller": "{name} 超过 {size}；案例工作簿远小于此",
    "{name} was not found": "找不到 {name}",
    "{name} could not be opened: permission denied. It may be open in a program that locks it, or you may not have "
    "access to it: close it there or ask for access, or copy it to a folder of your own":
        "无法打开 {name}：没有访问权限。它可能正被其他程序打开并锁定，或您没有访问该文件的权限："
        "请在该程序中关闭它或申请权限，或将其复制到您自己的文件夹",
    "{name} could not be read from its disk or network drive ({detail}): check that the drive is there, or copy the "
    "file to a folder of your own":
        "无法从所在磁盘或网络驱动器读取 {name}：请检查该驱动器是否可用，或将文件复制到您自己的文件夹",
    "{name} is empty": "{name} 是空文件",
    "{name} is a damaged or incomplete Excel workbook (cut short while copying or downloading?): ask for the file "
    "again, or open it in Excel to repair it":
        "{name} 是已损坏或不完整的 Excel 工作簿（可能在复制或下载时被截断）：请重新获取该文件，或在 Excel 中打开以修复",
    "{name} {what}": "{name} {what}",
    "{name} is a damaged Excel workbook ({damage}): {advice}": "{name} 是已损坏的 Excel 工作簿（{damage}）：{advice}",
    "is password-protected (encrypted): open it in Excel, remove the password (File > Info > Protect Workbook) and "
    "save it again": "受密码保护（已加密）：请在 Excel 中打开，取消密码（文件 > 信息 > 保护工作簿）后重新保存",
    # .xls and .ods, read by calamine (optimizer/io/calamine_book.py, ods.py, xls.py)
    "{name} is refused: its sheet '{title}' reaches row {rows:,} and column {columns:,}, more than {limit:,} "
    "cells counting the blanks, far more than a case workbook holds (delete the unused rows and columns; or it is "
    "a file made to exhaust memory)":
        "{name} 被拒绝：其工作表“{title}”延伸到第 {rows:,} 行、第 {columns:,} 列，连同空白单元格超过 {limit:,} 个，"
        "远超案例工作簿的规模（请删除未使用的行和列；否则这是一个意在耗尽内存的文件）",
    "{name} is password-protected (encrypted): open it, remove the password and save it again":
        "{name} 受密码保护（已加密）：请打开它，取消密码后重新保存",
    "{name} is password-protected (encrypted): open it in Excel, remove the password (File > Info > Protect "
    "Workbook) and save it again":
        "{name} 受密码保护（已加密）：请在 Excel 中打开，取消密码（文件 > 信息 > 保护工作簿）后重新保存",
    "{name} is damaged: it lists no sheets": "{name} 已损坏：其中没有任何工作表",
    "{name} is a damaged {what}: it cannot be read ({detail}); ask for the file again, or open it and save it "
    "again as an Excel workbook (.xlsx)":
        "{name} 是已损坏的{what}：无法读取；请重新获取该文件，或打开后另存为 Excel 工作簿（.xlsx）",
    ".xls workbook": " .xls 工作簿",
    "OpenDocument spreadsheet (.ods)": " OpenDocument 电子表格（.ods）",
    "{name} is damaged: it is an OpenDocument file without its content.xml":
        "{name} 已损坏：这是一个缺少 content.xml 的 OpenDocument 文件",
    "{name} is a damaged .xls workbook ({damage}): ask for the file again, or open it in Excel to repair it and "
    "save it again": "{name} 是已损坏的 .xls 工作簿（{damage}）：请重新获取该文件，或在 Excel 中打开以修复并重新保存",
    "its file structure is cut short": "其文件结构被截断",
    "its file structure is broken": "其文件结构已损坏",
    "its file structure points outside the file": "其文件结构指向文件之外",
    "it holds no workbook": "其中没有工作簿",
    "its workbook is cut short": "其工作簿被截断",
    "a sheet is missing": "缺少一个工作表",
    "{name} is an OpenDocument file but not a spreadsheet ({kind}): open it in the program that made it and save "
    "its table as a spreadsheet":
        "{name} 是 OpenDocument 文件，但不是电子表格（{kind}）：请在创建它的程序中打开，并将其表格另存为电子表格",
    "is not an Excel workbook (.xlsx): it looks like an old Excel 97-2003 file (.xls) or a password-protected "
    "workbook; save it in Excel as an unprotected .xlsx":
        "不是 Excel 工作簿（.xlsx）：它像是旧版 Excel 97-2003 文件（.xls）或受密码保护的工作簿；"
        "请在 Excel 中另存为未加密的 .xlsx",
    "is a PDF file, not an Excel workbook": "是 PDF 文件，不是 Excel 工作簿",
    "is a web page or an XML spreadsheet with an Excel file name, not an .xlsx: open it in Excel and save it as an "
    "Excel workbook (.xlsx)": "是带有 Excel 文件名的网页或 XML 电子表格，不是 .xlsx："
        "请在 Excel 中打开并另存为 Excel 工作簿（.xlsx）",
    "is not an Excel workbook (.xlsx): open it in Excel and save it as an Excel workbook (.xlsx)":
        "不是 Excel 工作簿（.xlsx）：请在 Excel 中打开并另存为 Excel 工作簿（.xlsx）",
    "is an OpenDocument file (.ods), not an .xlsx: open it and save it as an Excel workbook (.xlsx)":
        "是 OpenDocument 文件（.ods），不是 .xlsx：请打开后另存为 Excel 工作簿（.xlsx）",
    "is a Word document, not an Excel workbook": "是 Word 文档，不是 Excel 工作簿",
    "is a PowerPoint file, not an Excel workbook": "是 PowerPoint 文件，不是 Excel 工作簿",
    "is a binary Excel workbook (.xlsb): open it in Excel and save it as .xlsx":
        "是二进制 Excel 工作簿（.xlsb）：请在 Excel 中打开并另存为 .xlsx",
    "is not an Excel workbook (.xlsx): it is a zip file of another kind":
        "不是 Excel 工作簿（.xlsx）：它是其他类型的 zip 文件",
    "{name} holds {parts:,} parts; an Excel workbook with more than {limit:,} is refused (it may be a zip bomb)":
        "{name} 含有 {parts:,} 个部件；超过 {limit:,} 个部件的 Excel 工作簿将被拒绝（可能是 zip 炸弹）",
    "{name} is damaged: it holds two parts named {part}": "{name} 已损坏：含有两个名为 {part} 的部件",
    "{name} is password-protected (encrypted): remove the password in Excel and save it again":
        "{name} 受密码保护（已加密）：请在 Excel 中取消密码后重新保存",
    "{name} is not an .xlsx that Excel wrote: its part {part} uses another kind of compression":
        "{name} 不是 Excel 写出的 .xlsx：其部件 {part} 使用了其他压缩方式",
    "{name} is refused: its part {part} would expand to {size}, more than the {limit} a workbook part may hold "
    "(it may be a zip bomb)": "{name} 被拒绝：其部件 {part} 解压后将达 {size}，"
        "超过单个工作簿部件允许的 {limit}（可能是 zip 炸弹）",
    "{name} is refused: its part {part} would expand {ratio:,.0f} times, to {size} (a zip bomb; real workbooks "
    "compress less than {limit} times)":
        "{name} 被拒绝：其部件 {part} 解压后将膨胀 {ratio:,.0f} 倍，达 {size}（zip 炸弹；"
        "真实工作簿的压缩比小于 {limit} 倍）",
    "{name} is refused: it would expand to {size}, more than the {limit} a workbook may hold (it may be a zip bomb)":
        "{name} 被拒绝：解压后将达 {size}，超过工作簿允许的 {limit}（可能是 zip 炸弹）",
    "{name} is damaged: its workbook part lists no sheets": "{name} 已损坏：其工作簿部件中没有任何工作表",
    "{name} is a binary Excel workbook (.xlsb): open it in Excel and save it as .xlsx":
        "{name} 是二进制 Excel 工作簿（.xlsb）：请在 Excel 中打开并另存为 .xlsx",
    "{name} is damaged: its part {part} is missing": "{name} 已损坏：缺少部件 {part}",
    "{name} is damaged: its part {part} cannot be unpacked ({damage}): {advice}":
        "{name} 已损坏：其部件 {part} 无法解压（{damage}）：{advice}",
    "{name} is refused: its part {part} is {size}, far more than Excel writes":
        "{name} 被拒绝：其部件 {part} 大小为 {size}，远超 Excel 写出的大小",
    "{name} is damaged: its part {part} is not well-formed XML ({damage}): {advice}":
        "{name} 已损坏：其部件 {part} 不是格式正确的 XML（{damage}）：{advice}",
    "{name} holds more than {limit:,} different texts; a case workbook has far fewer":
        "{name} 含有超过 {limit:,} 个不同的文本；案例工作簿远少于此",
    "the table of shared texts": "共享文本表", "its part {part}": "其部件 {part}", "sheet '{title}'": "工作表“{title}”",
    "{name}: {what} could not be read: the part {part} is missing (the file is damaged)":
        "{name}：无法读取{what}：缺少部件 {part}（文件已损坏）",
    "{name}: {what} could not be read: the file is damaged (line {line}: {damage}): {advice}":
        "{name}：无法读取{what}：文件已损坏（第 {line} 行：{damage}）：{advice}",
    "{name}: {what} could not be read: the file is damaged ({damage}): {advice}":
        "{name}：无法读取{what}：文件已损坏（{damage}）：{advice}",
    # what a library's failure says is wrong with the file; its own words (a detail) stay out of the Chinese
    "ask for the file again, or open it in Excel to repair it and save it again":
        "请重新获取该文件，或在 Excel 中打开、修复后重新保存",
    "a part's content does not match its checksum": "某个部件的内容与其校验和不符",
    "a part's compressed data is broken": "某个部件的压缩数据已损坏",
    "its zip structure is broken or cut short": "其 zip 结构已损坏或被截断",
    "it uses a kind of zip file that Excel does not write": "它使用了 Excel 不会写出的 zip 格式",
    "a part is password-protected": "某个部件受密码保护",
    "it cannot be unpacked: {detail}": "无法解压",
    "its XML stops in the middle, as if cut short": "其 XML 在中途结束，像是被截断",
    "its text is not in the encoding it declares": "其文本与所声明的编码不符",
    "its XML is broken": "其 XML 格式错误",
    "its XML cannot be read: {detail}": "其 XML 无法读取",
    "{name}: sheet '{title}' is a {kind}, which holds no cells": "{name}：工作表“{title}”是 {kind}，不含单元格",
    "{name} is damaged: in sheet '{title}', {error}": "{name} 已损坏：工作表“{title}”中，{error}",
    "{name} is refused: its part {part} declares XML entities or a DTD, which Excel never writes (an XML bomb or an "
    "attempt to read other files)":
        "{name} 被拒绝：其部件 {part} 声明了 XML 实体或 DTD，"
        "Excel 从不写入这些内容（可能是 XML 炸弹或试图读取其他文件）",
    "{cell} is outside Excel's 16,384 columns": "{cell} 超出了 Excel 的 16,384 列",
    "row {row:,} is outside Excel's 1,048,576 rows": "第 {row:,} 行超出了 Excel 的 1,048,576 行",
    "row {row} column {column} refers to a shared text that does not exist":
        "第 {row} 行第 {column} 列引用了不存在的共享文本",
    "The result was not saved: the sheets {sheets} of the case file {name} could not be copied into it, so it would "
    "not reopen as the case solved. Open the file in Excel, save it as an Excel Workbook (.xlsx), then open the case "
    "again and export":
        "结果未保存：案例文件 {name} 的工作表 {sheets} 无法复制到结果中，结果文件将无法重新打开为所求解的案例。"
        "请在 Excel 中打开该文件，另存为 Excel 工作簿（.xlsx），然后重新打开案例并导出",
    "cell {cell} is written twice": "单元格 {cell} 被写入了两次",
    "row {row} is written twice": "第 {row} 行被写入了两次",
    "a row is numbered '{number}', which is not a row number": "有一行的行号为“{number}”，这不是有效的行号",
    "a cell is named '{reference}', which is not a cell": "有一个单元格的地址为“{reference}”，这不是有效的单元格地址",
    "cell {reference} is written in row {row}": "单元格 {reference} 被写在了第 {row} 行中",
    "cell {cell} holds '{text}', which is not a number": "单元格 {cell} 的内容为“{text}”，不是数字",
    "cell {cell} is a yes/no cell holding '{text}' instead of 1 or 0":
        "单元格 {cell} 是是/否单元格，但其内容为“{text}”，而不是 1 或 0",
    # the sheets (optimizer/io/workbook.py)
    "{name} has two {role} sheets, '{first}' and '{second}'; keep one":
        "{name} 有两个{role}工作表：“{first}”和“{second}”；请只保留一个",
    "the sheet has more than {cells:,} cells (counting the blanks up to each row's last value); a case workbook is "
    "far smaller: delete the unused rows and columns":
        "该工作表超过 {cells:,} 个单元格（含每行最后一个值之前的空白单元格）；案例工作簿远小于此：请删除未使用的行和列",
    "the sheet has {rows:,} rows; at most {limit:,} candidate projects are supported: split the case into several "
    "workbooks": "该工作表有 {rows:,} 行；最多支持 {limit:,} 个候选项目：请将案例拆分为多个工作簿",
    "the sheet has {rows:,} rows; a {role} sheet has one row per key (at most {limit:,})":
        "该工作表有 {rows:,} 行；{role}工作表每个参数一行（最多 {limit:,} 行）",
    "{name} has no Projects (项目) sheet; its sheets are: {sheets}": "{name} 没有“项目”（Projects）工作表；"
        "其中的工作表为：{sheets}",
    "none": "无",
    "sheet '{title}' is very hidden: Excel's menus cannot show it, so its cells cannot be checked by eye; make it "
    "visible (in the Visual Basic editor set its Visible property to -1) or copy its cells to a visible sheet":
        "工作表“{title}”被深度隐藏：Excel 菜单无法显示它，其单元格无法人工核对；"
        "请使其可见（在 Visual Basic 编辑器中将其 "
        "Visible 属性设为 -1），或将其单元格复制到可见的工作表",
    "the sheet is hidden in Excel; it is read as usual": "该工作表在 Excel 中被隐藏；仍照常读取",
    "this sheet is hidden in Excel: right-click a sheet tab and choose Unhide to see the cells listed":
        "该工作表在 Excel 中被隐藏：右键单击工作表标签并选择“取消隐藏”即可查看所列单元格",
    "... and {count:,} more problems like these": "……另有 {count:,} 个类似问题",
    # Settings and Enterprise
    "setting": "参数", "item": "基数项",
    "value without a {what} name in column A is ignored": "A 列没有{what}名称的数值已忽略",
    "unknown {what} '{key}' is ignored": "未知的{what}“{key}”已忽略",
    "{key} is given twice ({first} and {second})": "{key} 填写了两次（{first} 和 {second}）",
    "{key}: formula without a saved value (open and save the workbook in Excel)":
        "{key}：公式没有保存的计算结果（请在 Excel 中打开并保存该工作簿）",
    "{key}: {problem}": "{key}：{problem}", "{key}={value}: {problem}": "{key}={value}：{problem}",
    "unknown setting '{key}'": "未知的参数“{key}”", "no value": "没有填写数值",
    "'{text}' is not {what} (write {values}; {names})": "“{text}”不是{what}（请填写 {names}，或 {values}）",
    "a share between 0 and 1": "介于 0 到 1 之间的比例",
    "'{text}' is a percentage, but this is an amount, not a share: write the amount itself (in the workbook's money "
    "unit, or persons)":
        "“{text}”是百分比，但这里是金额（或人数），不是比例：请填写金额本身（按工作簿的货币单位，或人数）",
    "{number} is not above 0, and ratios divide by it (write the group's figure)":
        "{number} 不大于 0，而比率指标要以它为分母（请填写集团的实际数）",
    "id '{id}' is the same as '{other}' in {cell} once case, full-width letters, invisible characters and spaces at "
    "the ends are set aside: give each project an id of its own":
        "项目编号“{id}”与 {cell} 的“{other}”在不计大小写、全角字符、不可见字符和首尾空格时相同："
        "请为每个项目填写各自的编号",
    "{number} is not a year from {first} to {last}": "{number} 不是 {first} 到 {last} 之间的年份",
    "column '{header}' is for the year {year}: plan years from {first} to {last} are supported":
        "列“{header}”对应 {year} 年：计划年份须在 {first} 到 {last} 之间",
    "the plan years must follow one another, but there is no capex column for {missing} between {before} and "
    "{year}: add capex_{first_missing} (blank where nothing is spent)":
        "计划年份必须连续，但 {before} 与 {year} 之间缺少 {missing} 的投资列：请添加 投资_{first_missing}"
        "（没有投资的单元格留空）",
    "{id} earliest_start {year} is outside the plan years {first}–{last}":
        "{id} 的最早开工年 {year} 不在计划年份 {first}–{last} 之内",
    "the table is in columns {columns}, not A:B; it is read from there":
        "表格位于 {columns} 列，而不是 A:B 列；已按该位置读取",
    "{key}: the value is in {cell}, but the value cell {value_cell} is blank, which means no limit (or the default): "
    "move the value to {value_cell}":
        "{key}：数值填在 {cell}，而数值单元格 {value_cell} 为空，表示不设限（或取默认值）：请把数值移到 {value_cell}",
    "columns hidden in Excel are read as usual: {columns}": "在 Excel 中隐藏的列照常读取：{columns}",
    "columns {columns} are hidden in Excel: select the columns around them, right-click and choose Unhide to see the "
    "cells listed": "{columns} 列在 Excel 中被隐藏：选中其两侧的列，右键单击并选择“取消隐藏”即可看到所列单元格",
    "a rate between {low} and {high}": "介于 {low} 到 {high} 之间的比率",
    "a score between 0 and 100": "介于 0 到 100 之间的评分", "a share above 0 and up to 1": "大于 0 且不超过 1 的比例",
    "{key} needs the Enterprise sheet ({items})": "{key} 需要企业基数工作表（{items}）",
    "{key} needs {items} on the Enterprise sheet": "{key} 需要企业基数工作表中的 {items}",
    "{key} needs {item} above 0 on the Enterprise sheet (it is {value})":
        "{key} 需要企业基数工作表中的 {item} 大于 0（现为 {value}）",
    "{first} and {second}": "{first}、{second}", "{only}": "{only}",
    "{key} needs the {column} column ({chinese}) in Projects": "{key} 需要项目表中有“{chinese}”（{column}）列",
    "{column} of {id} is blank, but {key} is set ({cell})": "{id} 的 {column} 为空，但已设置 {key}（{cell}）",
    "{key} needs a {what} for every project; missing for {ids}{more}":
        "{key} 要求每个项目都有{what}；缺少的项目：{ids}{more}",
    " and {count} more": "（另有 {count} 个）", "": "",
    "{key} is for a year outside the plan years {first}–{last} and is ignored":
        "{key} 的年度不在计划年度 {first}–{last} 之内，已忽略",
    # cell values
    "{value} is not a number": "{value} 不是数字", "the date {date} is not a number": "日期 {date} 不是数字",
    "{number} is too large: figures up to 1e15 are supported (check the unit)": "{number} 过大："
        "最大支持 1e15（请检查单位）",
    "the cell shows the Excel error {error}": "单元格显示 Excel 错误 {error}",
    "text '{text}' is not a number": "文本“{text}”不是数字",
    "'{text}' is not yes or no (write TRUE/FALSE, yes/no, Y/N, 1/0 or 是/否)":
        "“{text}”不是“是/否”（请填写 是/否、TRUE/FALSE、yes/no、Y/N 或 1/0）",
    "'{text}' is not a year": "“{text}”不是年份", "{number} is not a year": "{number} 不是年份",
    "{number} is not {what} (write {fraction} or {number}%)": "{number} 不是{what}（请填写 {fraction} 或 {number}%）",
    "{number} is not {what}": "{number} 不是{what}",
    "{number} is negative; write 0 or more": "{number} 为负数；请填写 0 或更大的数",
    "0 is not a share above 0 and up to 1 (write 1 for all or nothing)":
        "0 不是大于 0 且不超过 1 的比例（全额或不投请填 1）",
    "{number} is not a risk grade (a whole number 1 to 5)": "{number} 不是风险等级（1 到 5 的整数）",
    "'{text}' is not a strategic emerging industry (use one of {known}, or leave it blank for traditional business)":
        "“{text}”不是战略性新兴产业类别（请填写 {known} 之一；传统产业请留空）",
    # Projects
    "no header row with an 'id' (项目编号) column in the first 10 rows": "前 10 行中没有含“项目编号”（id）列的表头行",
    "column '{header}' appears twice ({first} and {second})": "列“{header}”出现了两次（{first} 和 {second}）",
    "every project needs a name": "每个项目都需要名称", "the objective is npv": "优化目标为净现值",
    "the score objective weighs return ({key})": "综合评分目标计入了收益权重（{key}）",
    "the objective is eva": "优化目标为经济增加值",
    "missing column '{column}' ({chinese}): {why}": "缺少“{chinese}”列（{column}）：{why}",
    "no capex column: add one capex_YYYY (投资_YYYY) column per plan year, e.g. capex_2027":
        "没有投资额列：请为每个计划年度添加一列“投资_YYYY”（capex_YYYY），例如 投资_2027",
    "more than {limit:,} project rows (row {row} is the {seen:,}th); at most {limit:,} candidate projects are "
    "supported: split the case into several workbooks":
        "项目行超过 {limit:,} 行（第 {row} 行是第 {seen:,} 个项目）；最多支持 {limit:,} 个候选项目："
        "请将案例拆分为多个工作簿",
    "id '{id}' is used twice (rows {first} and {second})": "项目编号“{id}”重复（第 {first} 行和第 {second} 行）",
    "no projects: the sheet has a header row but no project rows": "没有项目：该工作表有表头行，但没有项目行",
    "row {row} is hidden in Excel (by a filter or by hand); their projects are candidates too":
        "第 {row} 行在 Excel 中被隐藏（筛选或手动隐藏）；其中的项目同样是候选项目",
    "rows {rows}{more} are hidden in Excel (by a filter or by hand); their projects are candidates too":
        "第 {rows} 行{more}在 Excel 中被隐藏（筛选或手动隐藏）；其中的项目同样是候选项目",
    "cells {cells} are merged: only the first keeps its value, the others read as blank; unmerge them and fill in "
    "every cell": "单元格 {cells} 已合并：只有第一个单元格保留数值，其余读作空白；请取消合并并逐格填写",
    "{count:,} more merged ranges; unmerge every merged cell in the table": "另有 {count:,} 处合并单元格；"
        "请取消表中所有合并单元格",
    "formula without a saved value (open and save the workbook in Excel) ({column})":
        "公式没有保存的计算结果（请在 Excel 中打开并保存该工作簿）（{column}）",
    "{problem} ({column})": "{problem}（{column}）",
    "a project row without an id": "项目行缺少项目编号", "{id} has no name": "{id} 没有项目名称",
    "npv of {id} is blank, but {why}": "{id} 的净现值为空，但{why}",
    "{id} latest_start {latest} is before earliest_start {earliest}":
        "{id} 的最晚开工年 {latest} 早于最早开工年 {earliest}",
    "{id} is both mandatory and excluded": "{id} 同时标记为必选和排除",
    "{id} is mandatory but prohibited: {reason}": "{id} 为必选，但被禁止投资：{reason}",
    "negative list: IRR {irr:.2%} is below the hurdle rate {hurdle_rate:.2%} for a commercial project":
        "负面清单：商业类项目内部收益率 {irr:.2%} 低于基准收益率 {hurdle_rate:.2%}",
    "{id} npv_low {low} is above its npv {npv}": "{id} 的悲观净现值 {low} 高于其净现值 {npv}",
    "{id} npv_high {high} is below its npv {npv}": "{id} 的乐观净现值 {high} 低于其净现值 {npv}",
    "{id} irr {irr} reads as {percent}; write {fraction} or {irr}% if you meant {irr}%":
        "{id} 的内部收益率 {irr} 读作 {percent}；如果指的是 {irr}%，请填写 {fraction} 或 {irr}%",
    "{id} requires itself": "{id} 的前置项目是它自己",
    "{id} requires '{other}', which is not a project id": "{id} 的前置项目“{other}”不是已有的项目编号",
    "{id} is mandatory but requires {other}, which is excluded": "{id} 为必选，但其前置项目 {other} 已标记为排除",
    "dependency cycle {path}": "前置项目形成循环：{path}",
    "{first} and {second} are both mandatory but in the same exclusive group '{group}'":
        "{first} 和 {second} 均为必选，但属于同一互斥组“{group}”",
    "{why}, but no project has an npv": "{why}，但没有任何项目填写净现值",
    "{why}, but no project has a profit": "{why}，但没有任何项目填写利润总额",
    "{id} capex {capex} is more than 50% of the group's equity {equity}: flagged for special supervision":
        "{id} 投资额 {capex} 超过集团净资产 {equity} 的 50%：列为特别监管类项目",
    # the negative list (optimizer/io/negative_list.py, optimizer/model/screening.py)
    "NegativeList": "负面清单",
    "negative list, prohibited: {reason}": "负面清单禁止类：{reason}",
    "negative list, supervised: {reason}": "负面清单特别监管类：{reason}",
    "{reason}; supervised projects are not allowed ({key} is no)": "{reason}；不允许投资特别监管类项目（{key}为否）",
    "special supervision: capex {capex:,.2f} is more than half the group's equity {equity:,.2f}":
        "特别监管：投资额 {capex:,.2f} 超过集团净资产 {equity:,.2f} 的 50%",
    "no header row with the columns class, field and match (类别, 字段, 匹配) in the first 10 rows":
        "前 10 行中没有包含类别、字段、匹配（class、field、match）列的表头行",
    "the rules need the columns {columns}": "规则需要以下各列：{columns}",
    "a rule without a class: write prohibited or supervised (禁止类 or 特别监管类)":
        "规则缺少类别：请填写禁止类或特别监管类",
    "'{text}' is not a class of rule: write prohibited or supervised (禁止类 or 特别监管类)":
        "“{text}”不是规则类别：请填写禁止类或特别监管类",
    "a rule without a field: name the Projects column it looks at, such as sector (所属行业)":
        "规则缺少字段：请填写规则所依据的项目表列名，例如 所属行业",
    "'{text}' is not a column of the Projects sheet (name one such as sector 所属行业, region 地区, overseas 是否境外, "
    "or capex 投资 for the total capex)":
        "“{text}”不是项目表中的列（请填写 所属行业、地区、是否境外 等列名，或填写 投资 表示项目投资总额）",
    "a rule without a match: write the value(s) it looks for": "规则缺少匹配值：请填写要匹配的值",
    "{problem} ({field})": "{problem}（{field}）",
    "'{text}' cannot be compared with {field}, {kind}: *text* looks for text":
        "“{text}”无法与{field}（{kind}）比较：*文字* 只用于匹配文本",
    "'{text}' cannot be compared with {field}, {kind}: write yes or no (是 or 否)":
        "“{text}”无法与{field}（{kind}）比较：请填写是或否",
    "'{text}' cannot be compared with {field}, {kind}: write a number, or a number after >, >=, < or <= (such as >=50)":
        "“{text}”无法与{field}（{kind}）比较：请填写数值，或在数值前加 >、>=、< 或 <=（例如 >=50）",
    # why a frontier (the Trade-offs tab) cannot be computed as asked (optimizer/analysis/frontier.py)
    "'{name}' is not a Settings key": "“{name}”不是约束与目标（Settings）工作表中的参数",
    "{key} is for a year outside the plan ({first}-{last})": "{key} 的年度不在计划年度 {first}–{last} 之内",
    "{key} weighs the score objective; this case optimises {objective}":
        "{key} 是综合评分目标的权重；本案例的优化目标是{objective}",
    "{key} is not a limit or target that a frontier can vary": "{key} 不是权衡分析可以变动的限额或目标",
    "a frontier needs at least 1 step": "权衡分析至少需要 1 个水平",
    "a frontier needs at least one level": "权衡分析至少需要一个水平",
    # where a sweep runs (optimizer/analysis/parallel.py, optimizer/analysis/cluster.py)
    "at least one worker is needed, not {workers}": "至少需要一个工作进程，而不是 {workers} 个",
    "a worker process ended before its solve was done: {problem}": "工作进程在求解完成前结束：{problem}",
    "--cluster needs Dask, which is not installed: install it with {command}":
        "--cluster 需要 Dask，但尚未安装：请用 {command} 安装",
    "a local Dask cluster could not be started: {problem}": "无法启动本机 Dask 集群：{problem}",
    "the Dask scheduler at {address} cannot be reached within {seconds} s: {problem}":
        "在 {seconds} 秒内无法连接位于 {address} 的 Dask 调度器：{problem}",
    "a point of the sweep failed on the cluster: {problem}": "批量求解中的一个点在集群上失败：{problem}",
    # the stability and batch commands (optimizer/cli.py, optimizer/io/export_batch.py)
    "--workers {workers}: give 1 or more": "--workers {workers}：请给出 1 或更大的数",
    "--draws {draws}: give from 1 to {limit}": "--draws {draws}：请给出 1 到 {limit} 之间的数",
    "the command's options cannot be used ({count} problem(s)):": "命令的选项无法使用（{count} 个问题）：",
    "The batch summary must be saved as an .xlsx workbook, not '{name}'.":
        "批量求解汇总必须保存为 .xlsx 工作簿，而不是“{name}”。",
    "--scenarios {pair}: give CASE=SAVED.json, with CASE one of the cases":
        "--scenarios {pair}：请写成 案例=已保存情景.json，案例须是本次批量求解的案例之一",
    # the solver failed (optimizer/solve/solver.py) or hung and was given up (optimizer/solve/highs.py); the details of
    # a nonsense answer ({rules}, {wrong}) and a library's {problem} are technical and stay in English
    "the solver HiGHS failed: {problem}": "HiGHS 求解失败：{problem}",
    "it did not stop at its time limit of {limit} s and was given up after {waited} s":
        "到了 {limit} 秒的时间限制仍未停止，等待 {waited} 秒后已放弃本次求解",
    "the solver HiGHS returned an answer that breaks the model: {rules}":
        "求解器 HiGHS 给出的答案违反了模型的规则，已弃用：{rules}",
    "the solver HiGHS returned nonsense: {wrong}": "求解器 HiGHS 给出的结果自相矛盾，已弃用：{wrong}",
    "the solver HiGHS stopped without an answer (status {status})":
        "求解器 HiGHS 停止运行但没有给出答案（状态 {status}）",
    # the export could not read the case file again to copy its sheets (optimizer/io/export.py)
    "The result was not saved: the case file's sheets could not be copied into it. {problem}":
        "结果未保存：无法将案例文件的工作表复制到结果中。{problem}",
    "The result was not saved: the case file {name} could not be read again to copy its sheets into it "
    "({detail}). Check that the file is still there and not locked by another program, then export again":
        "结果未保存：无法再次读取案例文件 {name}，因而无法将其工作表复制到结果中（{detail}）。"
        "请确认该文件仍在原处且未被其他程序锁定，然后重新导出",
    "The result was not saved: the case file {name} could not be read again to copy its sheets into it. "
    "It may have been changed or damaged since the case was opened, or hold something the copy cannot "
    "read. Open it in Excel and save it again, then open the case again and export":
        "结果未保存：无法再次读取案例文件 {name}，因而无法将其工作表复制到结果中。该文件可能在打开案例后被修改或损坏，"
        "或含有复制时无法读取的内容。请用 Excel 打开该文件并重新保存，然后重新打开案例再导出",
    # why a question to explain cannot be answered, and why a figure of its answer is missing (analysis/explain.py)
    "there is no project with id '{id}' in the case": "案例中没有项目编号为“{id}”的项目",
    "the case has no portfolio as it is: {quality}": "按当前案例没有投资组合：{quality}",
    "no portfolio with {id} forced {way} was found within the time limit":
        "在求解时限内未找到强制{way} {id} 的投资组合",
    "in": "纳入", "out": "剔除",
    "the forced solve stopped at the time limit, {quality}": "强制求解到达时限，{quality}",
    "no portfolio without it meets all the rules and targets.": "剔除该项目后，没有同时满足全部规则和目标的投资组合。",
    "no portfolio with it meets all the rules and targets.": "纳入该项目后，没有同时满足全部规则和目标的投资组合。",
    "{sentence} {diagnosis}": "{sentence}{diagnosis}",
    "npv_to_enter is computed for the npv objective only": "入选所需净现值只在优化目标为净现值时计算",
    "it is mandatory: it stays chosen whatever its NPV": "该项目为必选：无论净现值多少都会入选",
    "it is marked excluded: it stays out whatever its NPV": "该项目已标记为排除：无论净现值多少都不会入选",
    "it stays chosen at any NPV": "无论净现值多少都会入选",
    "the NPV search stopped: {quality}": "净现值搜索已停止：{quality}",
    # how good an answer is (optimizer/solve/solver.py)
    "proven optimal": "已证明为最优解",
    "proven within {gap:.2%} of the best possible": "已证明与最优解相差不超过 {gap:.2%}",
    "proven within less than 0.01% of the best possible": "已证明与最优解相差不到 0.01%",
    "best found when the time limit ran out, within less than 0.01% of the best possible":
        "求解时限已到，为已找到的最好方案，与最优解相差不到 0.01%",
    "best found when the time limit ran out, within {gap:.2%} of the best possible":
        "求解时限已到，为已找到的最好方案，与最优解相差不超过 {gap:.2%}",
    "best found when the time limit ran out, within unknown of the best possible":
        "求解时限已到，为已找到的最好方案，与最优解的差距未知",
    "no portfolio meets all the rules and targets": "没有同时满足全部规则和目标的投资组合",
    "no portfolio was found within the time limit": "求解时限内未找到投资组合",
    "the solve was cancelled": "求解已取消",
    # why a project was left out (optimizer/report/exclusions.py)
    "forced out: marked excluded": "人工排除：已标记为排除",
    "exclusive alternative chosen: {other} ({other_name}) in group {group}":
        "互斥方案已入选：互斥组 {group} 中已选 {other}（{other_name}）",
    "dependency: requires {requires}, not chosen": "前置项目 {requires} 未入选",
    "dependency: requires {requires}, which starts after this project's latest start {latest_start}":
        "前置项目 {requires} 的开工晚于本项目最晚开工年 {latest_start}",
    # the relations between projects (report/relations.py, io/relations.py, io/groups.py, analysis/rules.py)
    "Groups": "项目组",
    "at least {count}": "至少 {count} 个", "exactly {count}": "恰好 {count} 个", "at most {count}": "至多 {count} 个",
    "{low} to {high}": "{low} 至 {high} 个",
    "its group {group} takes {count}: {chosen} was chosen": "所在项目组 {group} 限选{count}：已选 {chosen}",
    "its group {group} takes {count}: {chosen} were chosen": "所在项目组 {group} 限选{count}：已选 {chosen}",
    "needs {other} started by {year}, and {other} cannot start before {first}":
        "需要 {other} 不晚于 {year} 年开工，而 {other} 最早 {first} 年才能开工",
    "needs {other} started by {year}, and {other} cannot start at all after the projects it requires":
        "需要 {other} 不晚于 {year} 年开工，而 {other} 受其前置项目所限无法开工",
    "needs {other} started by {year}, and {other} starts in {start}":
        "需要 {other} 不晚于 {year} 年开工，而 {other} 于 {start} 年开工",
    "needs one of {others} started by {year}, and none is chosen": "需要 {others} 之一不晚于 {year} 年开工，但均未入选",
    "needs one of {others} started by {year}, and {chosen} starts later":
        "需要 {others} 之一不晚于 {year} 年开工，而入选的 {chosen} 开工更晚",
    "goes together with {other}, which is left out: {reason}": "与 {other} 捆绑，而 {other} 未入选：{reason}",
    "does not pay together with {others}: their {objective} contribution {value:,.2f} is not positive":
        "与 {others} 捆绑后不划算：合计{objective}贡献 {value:,.2f} 不为正",
    "outcompeted together with {others}: the limits are better spent on the chosen projects":
        "与 {others} 捆绑后竞争不过入选项目：有限的额度用于入选项目更优",
    "decided together with {others}: {reason}": "与 {others} 捆绑决策：{reason}",
    "{id} names itself in {column}": "{id} 的 {column} 填写了它自己",
    "{id} names '{other}' in {column}, which is not a project id": "{id} 的 {column} 中的“{other}”不是已有的项目编号",
    "{id} requires {other} with the lag '{lag}', which is not a whole number of years (write {other}+2 to start at "
    "least two years after {other} starts)":
        "{id} 的前置项目 {other} 的间隔“{lag}”不是整数年（写作 {other}+2 表示在 {other} 开工至少两年后开工）",
    "{id} must start at least {lag} years after {other}, which starts in {earliest} at the earliest: that is "
    "{first} or later, after {id}'s latest start {latest}":
        "{id} 须在 {other} 开工至少 {lag} 年后开工，而 {other} 最早 {earliest} 年开工：即 {first} 年或更晚，"
        "晚于 {id} 的最晚开工年 {latest}",
    "{projects} go together, but the exclusive group '{group}' takes at most {most} of them":
        "{projects} 相互捆绑，但互斥组“{group}”至多选 {most} 个",
    "{id} is mandatory but goes together with {others}, marked excluded": "{id} 为必选，但与已标记排除的 {others} 捆绑",
    "{projects} are mandatory, but the exclusive group '{group}' takes at most {most}":
        "{projects} 均为必选，但互斥组“{group}”至多选 {most} 个",
    "no header row with a 'group' (组) column in the first 10 rows": "前 10 行中没有含“组”（group）列的表头行",
    "column '{header}' is not one of group, min_count, max_count (组, 最少, 最多) and is ignored":
        "列“{header}”不是 组、最少、最多（group, min_count, max_count）之一，已忽略",
    "counts without a group name": "填写了项目数但没有组名",
    "group '{group}' is given twice ({first} and {second})": "项目组“{group}”填写了两次（{first} 和 {second}）",
    "{number} is not a number of projects (a whole number, 0 or more)": "{number} 不是项目个数（应为 0 或以上的整数）",
    "{problem}: write a number of projects, such as 1": "{problem}：请填写项目个数，如 1",
    "group '{group}': max_count {high} is below its min_count {low}": "项目组“{group}”：最多 {high} 小于最少 {low}",
    "group '{group}' takes at least {low}, but no project is in it (the exclusive_group column)":
        "项目组“{group}”至少选 {low} 个，但没有项目属于该组（互斥组列）",
    "group '{group}' takes at least {low}, but it has only {size} projects: {members}":
        "项目组“{group}”至少选 {low} 个，但只有 {size} 个项目：{members}",
    "no project is in group '{group}' (the exclusive_group column); the row is ignored":
        "没有项目属于项目组“{group}”（互斥组列），该行已忽略",
    "The project rules contradict each other even without any target: {rules}.":
        "即使不设任何目标，项目规则之间也相互矛盾：{rules}。",
    "{id} is mandatory": "{id} 为必选", "{id} is marked excluded": "{id} 已标记排除",
    "{id} requires {other}": "{id} 的前置项目为 {other}",
    "{id} starts at least {lag} years after {other}": "{id} 须在 {other} 开工至少 {lag} 年后开工",
    "{id} requires one of {others}": "{id} 的前置项目须为 {others} 之一",
    "{id} goes together with {other}": "{id} 与 {other} 捆绑",
    "group {group} takes at most {count} of {members}": "项目组 {group}（{members}）至多选 {count} 个",
    "group {group} takes at least {count} of {members}": "项目组 {group}（{members}）至少选 {count} 个",
    "{id} is prohibited: {reason}": "{id} 被禁止：{reason}",
    "does not pay: its {objective} contribution {value:,.2f} is not positive":
        "不创造价值：其{objective}贡献 {value:,.2f} 不为正",
    "does not fit: even alone it needs {needed:,.{digits}f} of {key}, whose limit is {limit:,.{digits}f}":
        "单独入选也放不下：需占用{name} {needed:,.{digits}f} {unit}，而其限额为 {limit:,.{digits}f} {unit}",
    "outcompeted for budget: the limits are better spent on the chosen projects{limits}":
        "预算竞争落选：有限的额度用于已入选项目更优{limits}",
    " (binding: {binding})": "（起约束作用的限额：{binding}）",
    # what loosening a binding limit is worth (optimizer/report/constraints.py)
    "{value:+,.4g} {objective} per {step} looser (local rate at the chosen projects)":
        "每放宽 {step}，{objective} {value:+,.4g}（在所选项目处的局部变化率）",
    "{value:+,.4g} {objective} for {step} looser (re-solved)": "放宽 {step}，{objective} {value:+,.4g}（重新求解）",
    # the real worth of one step looser (optimizer/analysis/step_value.py)
    "what loosening a limit is worth is re-solved only for a proven answer":
        "只有已证明最优的结果才重新求解放宽限额的价值",
    "the time for re-solving ran out before {limits} could be valued": "重新求解的时间已用完，{limits}未能估值",
    "one step looser is outside what the limit allows": "放宽一步将超出该限额的允许范围",
    "the re-solve failed: {problem}": "重新求解失败：{problem}",
    "the re-solve gave no proven answer: {quality}": "重新求解未得到已证明的结果：{quality}",
    # which targets conflict and how far each can be reached (optimizer/analysis/diagnosis.py, report/empty.py)
    "{name} at least {value} ({key})": "{name}不低于 {value}",
    "{name} at most {value} ({key})": "{name}不高于 {value}",
    "at most {reach} can be reached": "最多可达到 {reach}",
    "at least {reach} is needed": "至少需要 {reach}",
    "the lowest reachable is {reach}": "可达到的最低值为 {reach}",
    "With all the other limits kept": "在保持其他全部限额的前提下",
    "With that met": "在满足该限额的前提下",
    "{reach} can be reached (a first answer: the best may go further)": "可达到 {reach}（初步结果：最优值可能更好）",
    "{reach} is enough (a first answer: less may do)": "{reach} 即可满足（初步结果：可能需要更少）",
    "With those met": "在满足这些限额的前提下",
    "On its own": "仅考虑该目标时",
    "{target} cannot be met together with: {others}. {context}, {outcome}.":
        "{target}与以下限额无法同时满足：{others}。{context}，{outcome}。",
    "{target} is out of reach even with every other limit set aside. {context}, {outcome}.":
        "{target}，即使放开其他全部限额也无法达到。{context}，{outcome}。",
    "The project rules contradict each other even without any target: check the mandatory projects ({mandatory}), "
    "their dependencies and exclusive groups.":
        "即使不设任何目标，项目规则本身也相互矛盾：请检查必选项目（{mandatory}）及其前置项目和互斥组。",
    "{name} target {target} ({key}) cannot be met: there are no candidate projects, and it stays at {value}.":
        "{name}目标 {target} 无法达到：没有候选项目，它保持在 {value}。",
    "the case has no candidate projects": "案例中没有候选项目",
    # what each level of a target costs (optimizer/analysis/frontier.py)
    "Raising the {what} from {start} to {end}": "将{what}从 {start} 提高到 {end}",
    "Lowering the {what} from {start} to {end}": "将{what}从 {start} 降低到 {end}",
    "{change} {effect}.": "{change}，{effect}。",
    "changes nothing": "{objective}不变",
    "costs {amount:,.{digits}f} {unit} of {objective}": "{objective}减少 {amount:,.{digits}f} {unit}",
    "adds {amount:,.{digits}f} {unit} of {objective}": "{objective}增加 {amount:,.{digits}f} {unit}",
    "{change} {expected} and {pessimistic}.": "{change}，{expected}，{pessimistic}。",
    "gives up {amount:,.1f} of expected NPV": "预期净现值减少 {amount:,.1f}",
    "adds {amount:,.1f} of expected NPV": "预期净现值增加 {amount:,.1f}",
    "raises the pessimistic NPV by {amount:,.1f}": "悲观净现值提高 {amount:,.1f}",
    "lowers the pessimistic NPV by {amount:,.1f}": "悲观净现值降低 {amount:,.1f}",
    "With the {what} at {level}, {why}.": "{what}为 {level} 时，{why}。",
    "No portfolio meets all the rules and targets at any level solved, from {low} to {high}.":
        "已求解的各水平（{low} 至 {high}）均没有组合能满足全部规则和指标。",
    "No portfolio meets all the rules and targets with the {what} at {level} or above; the highest level with one "
    "is {last}.": "{what}为 {level} 及以上时，没有组合能满足全部规则和指标；有可行组合的最高水平为 {last}。",
    "No portfolio meets all the rules and targets with the {what} at {level} or below; the lowest level with one "
    "is {first}.": "{what}为 {level} 及以下时，没有组合能满足全部规则和指标；有可行组合的最低水平为 {first}。",
    "No portfolio meets all the rules and targets with the {what} at {levels}.":
        "{what}为 {levels} 时，没有组合能满足全部规则和指标。",
    "No portfolio was found within the time limit with the {what} at {levels}: there may be one, which a longer "
    "time limit could find.": "{what}为 {levels} 时，在求解时限内未找到投资组合：可能存在，延长求解时限或可找到。",
    "the NPV–risk frontier needs the npv objective": "净现值–风险前沿需要以净现值为优化目标",
    "no project gives an NPV range (npv_low, npv_high): there is no risk to trade":
        "没有项目填写净现值区间（悲观净现值、乐观净现值）：没有可权衡的风险",
    # the result could not be written, saved scenarios could not be read (optimizer/io/export.py, scenarios.py)
    "The result must be saved as an .xlsx workbook, not '{name}'.": "结果必须保存为 .xlsx 工作簿，而不是“{name}”。",
    "Refusing to write over the input workbook {name}; choose another file name.":
        "不会覆盖输入工作簿 {name}；请选择其他文件名。",
    "{path} is a folder; choose a file name ending in .xlsx.": "{path} 是文件夹；请选择以 .xlsx 结尾的文件名。",
    "Cannot save the result to {path}: the folder {folder} does not exist.":
        "无法将结果保存到 {path}：文件夹 {folder} 不存在。",
    "Cannot save the result to {path}: the file is read-only. Make it writable, or choose another file name.":
        "无法将结果保存到 {path}：该文件为只读。请取消只读，或选择其他文件名。",
    "Cannot save the result to {path}: permission denied. The file may be open in another program, or the folder "
    "read-only. ({detail})": "无法将结果保存到 {path}：没有权限。该文件可能正被其他程序打开，或文件夹为只读。",
    "Cannot save the result to {path}: {detail}.": "无法将结果保存到 {path}：{detail}。",
    "The frontier must be saved as an .xlsx workbook, not '{name}'.":
        "权衡分析结果必须保存为 .xlsx 工作簿，而不是“{name}”。",
    "There are no scenarios to export.": "没有可导出的情景。",
    "Scenario '{name}' was saved by a newer version of the program.": "情景“{name}”由更新版本的程序保存。",
    "Scenario '{name}': unknown objective '{objective}'.": "情景“{name}”：未知的优化目标“{objective}”。",
    "Scenario '{name}' is incomplete or unknown to this version: {detail}.":
        "情景“{name}”不完整或本版本无法识别：{detail}。",
    "Scenario '{name}' is damaged: {detail}.": "情景“{name}”已损坏：{detail}。",
    "Cannot read the scenarios file {path}: {detail}.": "无法读取情景文件 {path}：{detail}。",
    "The scenarios file {path} is damaged: {detail}.": "情景文件 {path} 已损坏：{detail}。",
    "Refusing to write over the case's own workbook {name}; choose another file name.":
        "不会覆盖该案例自身的工作簿 {name}；请选择其他文件名。",
    "Cannot save the case to {path}: the folder {folder} does not exist.":
        "无法将案例保存到 {path}：文件夹 {folder} 不存在。",
    "the eva objective does not depend on the NPVs: every draw gives the recommendation":
        "经济增加值目标与净现值无关：每次抽样都给出推荐组合",
    # year by year (workbook.md extension 2)
    "held out by a target: taking it as well would break {targets}": "因目标约束落选：若再选入将突破 {targets}",
    "{key}: {value} looks like CNY 10k per person (万元/人); labour productivity is written in {unit} per person "
    "here, where that is {converted}":
        "{key}：{value} 看起来是按万元/人填写的；本工作簿的全员劳动生产率按{unit}/人填写，应为 {converted}",
    "held out by a limit: taking it as well would break {limits}": "因限额约束落选：若再选入将突破 {limits}",
    "outcompeted for budget: taking it as well would break {limits}": "预算竞争落选：若再选入将突破 {limits}",
    "{key} ({name} {value}, at least {limit})": "{name}下限（将为 {value}，下限 {limit}）",
    "{key} ({name} {value}, at most {limit})": "{name}上限（将为 {value}，上限 {limit}）",
    "Outlook": "基数预测",
    "{key} is for {year}, outside the plan years {first}–{last}":
        "{key} 针对 {year} 年，不在规划年度 {first}–{last} 之内",
    "{number} is negative; write the years of construction, 0 or more": "{number} 为负数；请填写建设期年数（0 或更大）",
    "{number} is not a whole number of years": "{number} 不是整年数",
    "the outlook forecasts the Enterprise items year by year: add the Enterprise sheet with the figures of the year "
    "before the plan": "基数预测按年预测企业基数各项：请添加企业基数工作表，填写规划前一年的数据",
    "the year {year} appears twice ({first} and {second})": "{year} 年出现了两次（{first} 和 {second}）",
    "'{key}' is not an Enterprise item (the outlook forecasts the items of the Enterprise sheet, such as revenue or "
    "total_assets)": "“{key}”不是企业基数项目（基数预测按年预测企业基数工作表中的项目，例如 营业收入 或 资产总额）",
    "{key} is one value for the whole plan: give it on the Enterprise sheet, not by year":
        "{key} 在整个规划期只有一个取值：请在企业基数工作表中填写，不要按年填写",
    "{year} is the year before the plan, whose figures are the Enterprise sheet's: give the plan years {first}–{last} "
    "only": "{year} 年是规划前一年，其数据即企业基数工作表中的数据：请只填写规划年度 {first}–{last}",
    "{problem}: each column after the first is a plan year (its header is the year, e.g. 2028)":
        "{problem}：第一列之后的每一列是一个规划年度（表头为年份，例如 2028）",
    "figures without an item name in column A are ignored": "A 列没有项目名称的数据已忽略",
    "{year} is outside the plan years {first}–{last}": "{year} 年不在规划年度 {first}–{last} 之内",
    "{item} in {year} is {value}, but {key} divides by it: it must be above 0":
        "{year} 年的 {item} 为 {value}，但 {key} 以其为分母：必须大于 0",
    # the five values (optimizer/report/five_values.py)
    "{name} at full run rate": "全部达产后{name}",
    "{name} {value}, at least {limit}": "{name}为 {value}，下限 {limit}",
    "{name} {value}, at most {limit}": "{name}为 {value}，上限 {limit}",
    "not met: {targets}": "未达成：{targets}",
    "capex-weighted IRR {irr}, hurdle rate {hurdle}": "投资加权内部收益率 {irr}，基准收益率 {hurdle}",
    # each subsidiary's own budgets (optimizer/io/entities.py)
    "Entities": "投资主体",
    "no header row with an 'entity' (投资主体) column": "没有包含“entity”（投资主体）列的表头行",
    "column '{header}' is not a budget (total_budget or budget_YYYY) and is ignored":
        "列“{header}”不是预算（总预算或年度预算_YYYY），已忽略",
    "column '{header}' appears twice": "列“{header}”出现了两次",
    "budgets without an entity name": "预算没有对应的投资主体名称",
    "{entity} is given twice (rows {first} and {second})": "{entity} 填写了两次（第 {first} 行和第 {second} 行）",
    "no project names the entity '{entity}': its budgets bind nothing":
        "没有项目属于投资主体“{entity}”：其预算不约束任何项目",
    "{key} of {entity}: {problem}": "{entity}的{key}：{problem}",
    "{key}: no project is of the investing entity '{entity}'": "{key}：没有项目属于投资主体“{entity}”",
    "{key}: {year} is not a plan year ({first}–{last})": "{key}：{year} 年不在规划期（{first}–{last}）内",
    # the command in its environment (optimizer/cli.py, optimizer/console.py, optimizer/io/files.py)
    "the printout could not be written to standard output ({detail}); files asked for with -o or --json are written "
    "as usual": "无法写入标准输出（{detail}），屏幕输出已丢失；-o 或 --json 指定的文件照常写入",
    "stopped by {signal} before the end: no file was left half-written":
        "已被 {signal} 中止，未运行完毕：没有留下写了一半的文件",
    "{key} is set twice, by {first} and by {second}: keep one":
        "{key} 被设置了两次（{first} 和 {second}）：请只保留一个",
    "--steps {steps} is too many: a frontier takes at most {limit} levels (each is a solve); ask for {limit} or "
    "fewer": "--steps {steps} 过多：一条前沿最多取 {limit} 个水平（每个水平求解一次）；请取 {limit} 个或更少",
    "{first} and {second} are the same file: give each output its own name":
        "{first} 和 {second} 是同一个文件：请为每个输出指定各自的文件名",
    "{case}: the command's options cannot be used ({count} problem(s)):":
        "{case}：命令选项无法使用（{count} 个问题）：",
    "cannot write {path}: {detail}": "无法写入 {path}：{detail}",
    "cannot write {path}: permission denied": "无法写入 {path}：没有权限",
    "cannot write {path}: it is a folder; give a file name in it":
        "无法写入 {path}：这是一个文件夹；请给出其中的文件名",
    "cannot write {path}: the folder {folder} does not exist": "无法写入 {path}：文件夹 {folder} 不存在",
    "cannot write {path}: its name is {length} bytes long, and the folder takes names of at most {limit}; choose a "
    "shorter name": "无法写入 {path}：文件名长 {length} 字节，而该文件夹最多允许 {limit} 字节；请改用较短的文件名",
    "cannot write {path}: permission denied: the folder {folder} may not be written to; choose another folder, and "
    "run again": "无法写入 {path}：没有权限，文件夹 {folder} 不可写入；请换一个文件夹后重新运行",
    # the board pack (optimizer/report/pack.py)
    "No Chinese font is installed, so a Chinese board pack cannot be written (its characters would not show). "
    "Install one (Noto Sans CJK SC, Microsoft YaHei or SimSun) or write the pack in English (--lang en).":
        "本机未安装中文字体，无法生成中文决策汇报材料（中文字符将无法显示）。"
        "请安装一种中文字体（如思源黑体 Noto Sans CJK SC、微软雅黑或宋体），或改为生成英文版（--lang en）。",
    "Recommendation: invest in {count} of the {candidates} candidate projects, {capex} in all, for the best "
    "{objective} the rules and targets allow: {value}.":
        "建议：在 {candidates} 个候选项目中投资 {count} 个，投资总额 {capex}；"
        "在各项规则和目标之下，{objective}最高可达 {value}。",
    "The portfolio's NPV is {npv} and its EVA {eva}.": "投资组合的净现值为 {npv}，经济增加值为 {eva}。",
    "How good the answer is: {quality}.": "求解质量：{quality}。",
    "No portfolio is recommended: the targets cannot all be met together. The diagnosis says which targets conflict "
    "and how far each can be reached.":
        "无法给出推荐组合：各项目标不能同时达成。诊断部分说明哪些目标相互冲突，以及每项目标最多能达到的水平。",
    "No portfolio is recommended: {quality}.": "无法给出推荐组合：{quality}。",
    "{count} setting(s) or mark(s) differ from the workbook's ({keys}): the decision log lists each.":
        "有 {count} 项设置或标记与工作簿不同（{keys}），详见决策记录。",
    "The case was solved as the workbook gives it.": "本案例按工作簿原样求解，未作任何调整。",
    "Every target is met at full run rate ({count} targets).": "全部达产后，全部 {count} 项目标均已达成。",
    "Targets missed at full run rate: {missed}.": "全部达产后未达成的目标：{missed}。",
    "Every target by year is met ({count} in the plan years {years}).":
        "规划年度（{years}）的全部 {count} 项年度目标均已达成。",
    "Targets by year missed: {missed}.": "未达成的年度目标：{missed}。",
    "{name} in {year}": "{year}年{name}",
    "Before is the group without the new projects; a figure of the portfolio alone has none.":
        "“投资前”为不含新项目的集团数据；仅属于投资组合本身的指标没有投资前数值。",
    "The group's own figures in each plan year after investing, the target that year in brackets.":
        "规划期内各年度投资后的集团指标，括号内为当年目标。",
    "Trade-off: the best {objective} at each level of the {what}": "权衡曲线：{what}各水平下可达到的最高{objective}",
    "{count} projects": "{count} 个项目",
    "{value:,.2f} points": "{value:,.2f} 分",
    "Every candidate project is in the portfolio.": "全部候选项目均已入选。",
    "No limit binds: each has room left at the recommended portfolio.": "没有紧约束：在推荐组合下，各项限额均有余量。",
    "The worth of one step is the {objective} gained by solving again with that limit one step looser; the local "
    "rate is the LP's dual at the chosen projects, which holds only for small moves.":
        "“放宽一步的实际价值”是将该限额放宽一步后重新求解所增加的{objective}；“局部边际值”是在已选项目不变时线性规划的对偶值，"
        "仅适用于很小的变动。",
    "The worth of one step was not computed for this pack.": "本材料未计算放宽一步的实际价值。",
    "The board pack must be saved as a Word document (.docx) or a PDF (.pdf), not '{name}'.":
        "决策汇报材料须保存为 Word 文档（.docx）或 PDF（.pdf），而不是“{name}”。",
}
