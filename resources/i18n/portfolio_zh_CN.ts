<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AhpDialog</name>
    <message>
        <source>Weights by pairwise comparison</source>
        <translation>两两比较确定权重</translation>
    </message>
    <message>
        <source>For each pair, choose which criterion matters more and how much, on Saaty&apos;s scale: 1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely more important. The arrow points to the one that matters more.</source>
        <translation>对每一对准则，选择哪一个更重要以及重要多少（萨蒂 1–9 标度）：1 同等重要，3 稍微重要，5 明显重要，7 强烈重要，9 极端重要。箭头指向更重要的一方。</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>equal</source>
        <translation>同等重要</translation>
    </message>
    <message>
        <source>moderately</source>
        <translation>稍微重要</translation>
    </message>
    <message>
        <source>strongly</source>
        <translation>明显重要</translation>
    </message>
    <message>
        <source>very strongly</source>
        <translation>强烈重要</translation>
    </message>
    <message>
        <source>extremely</source>
        <translation>极端重要</translation>
    </message>
    <message>
        <source>Consistency ratio: {0:.3f} (at most 0.1 is consistent enough)</source>
        <translation>一致性比率：{0:.3f}（不超过 0.1 即一致性可接受）</translation>
    </message>
    <message>
        <source>The comparisons contradict each other too much (consistency ratio {0:.3f} is above 0.1): review the pairs (if A matters more than B and B more than C, A should matter more than C).</source>
        <translation>比较结果相互矛盾过多（一致性比率 {0:.3f} 高于 0.1）：请检查各对比较（若 A 比 B 重要、B 比 C 重要，则 A 应比 C 重要）。</translation>
    </message>
</context>
<context>
    <name>BoardPackExport</name>
    <message>
        <source>Export &amp;board pack…</source>
        <translation>导出决策汇报材料(&amp;B)…</translation>
    </message>
    <message>
        <source>The recommendation as a Word document or a PDF for the investment committee</source>
        <translation>将推荐方案导出为提交投资决策委员会的 Word 文档或 PDF</translation>
    </message>
    <message>
        <source>board-pack</source>
        <translation>决策汇报材料</translation>
    </message>
    <message>
        <source>Word documents (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Export board pack</source>
        <translation>导出决策汇报材料</translation>
    </message>
    <message>
        <source>Writing the board pack to {0}…</source>
        <translation>正在将决策汇报材料写入 {0}…</translation>
    </message>
    <message>
        <source>Board pack written to {0}</source>
        <translation>决策汇报材料已写入 {0}</translation>
    </message>
    <message>
        <source>Board pack not written</source>
        <translation>决策汇报材料未能写入</translation>
    </message>
</context>
<context>
    <name>CategoryChart</name>
    <message>
        <source>传统/Traditional</source>
        <translation>传统产业</translation>
    </message>
    <message>
        <source>Capex by strategic category</source>
        <translation>按战新产业类别的投资</translation>
    </message>
    <message>
        <source>Capex</source>
        <translation>投资额</translation>
    </message>
    <message>
        <source>{name}: {value:,.2f} {unit}, {share:.1%} of capex</source>
        <translation>{name}：{value:,.2f} {unit}，占投资总额 {share:.1%}</translation>
    </message>
    <message>
        <source>Capex ({unit})</source>
        <translation>投资额（{unit}）</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Compare scenarios</source>
        <translation>情景对比</translation>
    </message>
    <message>
        <source>Targets and KPIs</source>
        <translation>目标与关键指标</translation>
    </message>
    <message>
        <source>Projects that differ ({0})</source>
        <translation>入选情况不同的项目（{0}）</translation>
    </message>
    <message>
        <source>Projects that differ: none</source>
        <translation>入选情况不同的项目：无</translation>
    </message>
    <message>
        <source>✓ target met, ✗ target missed; projects: ✓ share funded · start year.</source>
        <translation>✓ 达成目标，✗ 未达成目标；项目：✓ 参与比例 · 开工年。</translation>
    </message>
</context>
<context>
    <name>ConstraintTableModel</name>
    <message>
        <source>Limit</source>
        <translation>限额</translation>
    </message>
    <message>
        <source>Limit value</source>
        <translation>限额值</translation>
    </message>
    <message>
        <source>Value in
the answer</source>
        <translation>方案取值</translation>
    </message>
    <message>
        <source>Binding</source>
        <translation>是否紧约束</translation>
    </message>
    <message>
        <source>{0:+,.4g} for {1}</source>
        <translation>放宽 {1}：{0:+,.4g}</translation>
    </message>
    <message>
        <source>not found in time</source>
        <translation>未能在时限内求得</translation>
    </message>
    <message>
        <source>re-solving…</source>
        <translation>正在重新求解…</translation>
    </message>
    <message>
        <source>{0:+,.4g} per {1}</source>
        <translation>每 {1}：{0:+,.4g}</translation>
    </message>
    <message>
        <source>binding</source>
        <translation>紧约束</translation>
    </message>
    <message>
        <source>Worth of one
step looser</source>
        <translation>放宽一步的
实际价值</translation>
    </message>
    <message>
        <source>Local rate at
the chosen projects</source>
        <translation>在所选项目处的
局部变化率</translation>
    </message>
    <message>
        <source>slack</source>
        <translation>有余量</translation>
    </message>
</context>
<context>
    <name>CountDelegate</name>
    <message>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
</context>
<context>
    <name>DiagnosisPanel</name>
    <message>
        <source>All targets are met.</source>
        <translation>全部目标均已达成。</translation>
    </message>
    <message>
        <source>Relax the conflicting targets to their best reachable values</source>
        <translation>将相互冲突的目标放宽至可达到的最优值</translation>
    </message>
    <message>
        <source>Binding limits hold the answer back. “Worth of one step looser” is the objective gained by solving again with the limit one step looser (1 unit of money, one percentage point of a share or rate). The local rate is the dual value of the linear programme with the chosen projects kept: it holds only near the answer, and can be far from what a step looser really gives.</source>
        <translation>紧约束限制了结果。“放宽一步的实际价值”是将该限额放宽一步（金额 1 个货币单位，比例或比率 1 个百分点）后重新求解所增加的目标值。局部变化率是保持所选项目不变时线性规划的对偶值：它只在当前结果附近成立，可能与真正放宽一步的效果相差很大。</translation>
    </message>
    <message>
        <source>No answer yet.</source>
        <translation>尚无求解结果。</translation>
    </message>
    <message>
        <source>The targets cannot all be met.</source>
        <translation>目标无法同时达成。</translation>
    </message>
    <message>
        <source>The targets cannot all be met. Relax one of these:</source>
        <translation>目标无法同时达成。请放宽以下其中一项：</translation>
    </message>
    <message>
        <source>The targets cannot all be met. Relax one of these (a first answer: each level can be reached; the best levels are being found…):</source>
        <translation>目标无法同时达成。请放宽以下其中一项（初步结果：各水平均可达到；正在寻找最佳水平…）：</translation>
    </message>
    <message>
        <source>Re-solving each binding limit one step looser…</source>
        <translation>正在将每个紧约束放宽一步并重新求解…</translation>
    </message>
    <message>
        <source>Re-solving each binding limit one step looser… ({0} of {1})</source>
        <translation>正在将每个紧约束放宽一步并重新求解…（第 {0} 个，共 {1} 个）</translation>
    </message>
    <message>
        <source>What a step looser is worth could not be re-solved: {0}</source>
        <translation>未能重新求解放宽一步的价值：{0}</translation>
    </message>
    <message>
        <source>The targets cannot all be met. Finding which ones conflict and how far each can be reached…</source>
        <translation>目标无法同时达成。正在查找相互冲突的目标及各目标可达到的程度…</translation>
    </message>
</context>
<context>
    <name>EntityBudgetsModel</name>
    <message>
        <source>Entity</source>
        <translation>投资主体</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总预算</translation>
    </message>
    <message>
        <source>The subsidiary&apos;s capex over the whole plan ({key})</source>
        <translation>该投资主体整个规划期的投资总额上限（{key}）</translation>
    </message>
    <message>
        <source>The subsidiary&apos;s spend in {year} ({key})</source>
        <translation>该投资主体{year}年的投资支出上限（{key}）</translation>
    </message>
    <message>
        <source>{key}: its projects&apos; capex is {capex}; blank: no cap</source>
        <translation>{key}：其项目投资为 {capex}；空白表示不设上限</translation>
    </message>
</context>
<context>
    <name>ExplainController</name>
    <message>
        <source>Export with &amp;reasons…</source>
        <translation>导出结果及未入选原因(&amp;R)…</translation>
    </message>
    <message>
        <source>Why (not) this project?</source>
        <translation>为何（未）选此项目？</translation>
    </message>
    <message>
        <source>Explaining the projects left out: {done} of {total}</source>
        <translation>正在分析未入选项目：第 {done} 个，共 {total} 个</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Export with reasons</source>
        <translation>导出结果及未入选原因</translation>
    </message>
    <message>
        <source>There is no recommended portfolio to export yet.</source>
        <translation>尚无可导出的推荐组合。</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Explaining the projects left out…</source>
        <translation>正在分析未入选项目…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export with reasons cancelled.</source>
        <translation>已取消导出结果及未入选原因。</translation>
    </message>
    <message>
        <source>Result exported to {0} with the reasons for {1} projects left out</source>
        <translation>结果已导出到 {0}，含 {1} 个未入选项目的原因</translation>
    </message>
</context>
<context>
    <name>ExplainRules</name>
    <message>
        <source>it is marked mandatory</source>
        <translation>已标记为必选</translation>
    </message>
    <message>
        <source>it is marked excluded</source>
        <translation>已标记为排除</translation>
    </message>
    <message>
        <source>another project of its exclusive group is chosen</source>
        <translation>同一互斥组的另一项目已入选</translation>
    </message>
    <message>
        <source>a project it depends on (or that depends on it)</source>
        <translation>前置依赖项目（或依赖它的项目）</translation>
    </message>
    <message>
        <source>the negative list</source>
        <translation>负面清单</translation>
    </message>
</context>
<context>
    <name>ExplanationDialog</name>
    <message>
        <source>Why (not) {id} {name}?</source>
        <translation>为何（未）选 {id} {name}？</translation>
    </message>
    <message>
        <source>solving…</source>
        <translation>求解中…</translation>
    </message>
    <message>
        <source>Forcing {id} in and out of the portfolio…</source>
        <translation>正在强制 {id} 入选或剔除…</translation>
    </message>
    <message>
        <source>Objective as it is</source>
        <translation>当前目标值</translation>
    </message>
    <message>
        <source>Objective forced</source>
        <translation>强制后的目标值</translation>
    </message>
    <message>
        <source>Cost of forcing</source>
        <translation>强制的代价</translation>
    </message>
    <message>
        <source>What keeps it out</source>
        <translation>制约因素</translation>
    </message>
    <message>
        <source>NPV now</source>
        <translation>当前净现值</translation>
    </message>
    <message>
        <source>NPV to be chosen</source>
        <translation>入选所需净现值</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Recommended</source>
        <translation>推荐组合</translation>
    </message>
    <message>
        <source>Forced</source>
        <translation>强制后</translation>
    </message>
    <message>
        <source>How the forced portfolio differs:</source>
        <translation>强制后组合的变化：</translation>
    </message>
    <message>
        <source>solve %v of about %m</source>
        <translation>第 %v 次求解，约 %m 次</translation>
    </message>
    <message>
        <source>The question could not be answered: {0}</source>
        <translation>无法回答此问题：{0}</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>{who}: the case has no portfolio as it is.</source>
        <translation>{who}：当前方案没有可行组合。</translation>
    </message>
    <message>
        <source>{who} is chosen.</source>
        <translation>{who} 已入选。</translation>
    </message>
    <message>
        <source>{who} is not chosen.</source>
        <translation>{who} 未入选。</translation>
    </message>
    <message>
        <source>Objective with it forced out</source>
        <translation>强制剔除后的目标值</translation>
    </message>
    <message>
        <source>Objective with it forced in</source>
        <translation>强制入选后的目标值</translation>
    </message>
    <message>
        <source>What holds it in</source>
        <translation>使其入选的因素</translation>
    </message>
    <message>
        <source>NPV below which it leaves</source>
        <translation>低于此净现值即出选</translation>
    </message>
    <message>
        <source>NPV from which it is chosen</source>
        <translation>达到此净现值即入选</translation>
    </message>
    <message>
        <source>costs {amount}</source>
        <translation>减少 {amount}</translation>
    </message>
    <message>
        <source>gains {amount}</source>
        <translation>增加 {amount}</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <source> (within ±{tolerance:.2g} {unit})</source>
        <translation>（误差 ±{tolerance:.2g} {unit}）</translation>
    </message>
    <message>
        <source>How the forced portfolio differs ({n} projects):</source>
        <translation>强制后组合的变化（{n} 个项目）：</translation>
    </message>
    <message>
        <source>not chosen</source>
        <translation>未入选</translation>
    </message>
    <message>
        <source>chosen, starts {year}</source>
        <translation>入选，{year} 年开工</translation>
    </message>
    <message>
        <source>{share:.0%} funded, starts {year}</source>
        <translation>投资 {share:.0%}，{year} 年开工</translation>
    </message>
</context>
<context>
    <name>FiveValuesPanel</name>
    <message>
        <source>No answer yet.</source>
        <translation>尚无求解结果。</translation>
    </message>
    <message>
        <source>No portfolio to report: {reason}.</source>
        <translation>没有可报告的投资组合：{reason}。</translation>
    </message>
    <message>
        <source>The recommended portfolio against the five values (稳优保促新): each value&apos;s figures against their targets, and the chosen projects that carry it.</source>
        <translation>推荐投资组合对照“稳、优、保、促、新”五个价值：各项价值的指标及其目标，以及承载该价值的入选项目。</translation>
    </message>
</context>
<context>
    <name>GroupsModel</name>
    <message>
        <source>Group</source>
        <translation>项目组</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>最少</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>最多</translation>
    </message>
    <message>
        <source>The projects&apos; exclusive_group column (互斥组)</source>
        <translation>项目的互斥组列（exclusive_group）</translation>
    </message>
    <message>
        <source>The projects in the group</source>
        <translation>组内的项目</translation>
    </message>
    <message>
        <source>The fewest of the group&apos;s projects chosen (min_count, 最少)</source>
        <translation>组内最少入选的项目数（最少，min_count）</translation>
    </message>
    <message>
        <source>The most of the group&apos;s projects chosen (max_count, 最多); a group the Groups sheet does not name takes at most one</source>
        <translation>组内最多入选的项目数（最多，max_count）；项目组表未列出的组最多入选一个</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
</context>
<context>
    <name>KpiCard</name>
    <message>
        <source>{0}/person</source>
        <translation>{0}/人</translation>
    </message>
    <message>
        <source>no result yet</source>
        <translation>尚无结果</translation>
    </message>
    <message>
        <source>no target</source>
        <translation>未设目标</translation>
    </message>
    <message>
        <source>target {sense} {value}</source>
        <translation>目标 {sense} {value}</translation>
    </message>
    <message>
        <source>met</source>
        <translation>已达成</translation>
    </message>
    <message>
        <source>missed by {amount}</source>
        <translation>未达成，差 {amount}</translation>
    </message>
    <message>
        <source>{points} pp</source>
        <translation>{points} 个百分点</translation>
    </message>
</context>
<context>
    <name>KpiComparisonModel</name>
    <message>
        <source>Objective value</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Projects chosen</source>
        <translation>入选项目数</translation>
    </message>
    <message>
        <source>KPI</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>met</source>
        <translation>已达成</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>未达成</translation>
    </message>
    <message>
        <source>Target {0}: {1}</source>
        <translation>目标 {0}：{1}</translation>
    </message>
    <message>
        <source>differs</source>
        <translation>各不相同</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>KpiPanel</name>
    <message>
        <source>no portfolio keeps every rule</source>
        <translation>没有能满足全部规则的投资组合</translation>
    </message>
    <message>
        <source>no portfolio</source>
        <translation>无投资组合</translation>
    </message>
    <message>
        <source>not computed for this case</source>
        <translation>本案例不计算此项</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Portfolio Optimizer</source>
        <translation>投资组合优化</translation>
    </message>
    <message>
        <source>Candidate projects</source>
        <translation>候选项目</translation>
    </message>
    <message>
        <source>Baseline and targets</source>
        <translation>企业基数与目标</translation>
    </message>
    <message>
        <source>Recommended portfolio</source>
        <translation>推荐投资组合</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Limits and diagnosis</source>
        <translation>限额与诊断</translation>
    </message>
    <message>
        <source>Scenarios</source>
        <translation>情景</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <source>Trade-offs</source>
        <translation>目标权衡</translation>
    </message>
    <message>
        <source>Open a case to begin.</source>
        <translation>请打开一个案例开始。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open case…</source>
        <translation>打开案例(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save case as…</source>
        <translation>案例另存为(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Export result…</source>
        <translation>导出结果(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Solve</source>
        <translation>求解(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Solve now</source>
        <translation>立即求解(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Cancel solve</source>
        <translation>取消求解(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Pin as baseline</source>
        <translation>设为对比基准(&amp;P)</translation>
    </message>
    <message>
        <source>Save as &amp;scenario…</source>
        <translation>保存为情景(&amp;S)…</translation>
    </message>
    <message>
        <source>How often each chosen project stays chosen when the NPVs are drawn within their low–high ranges</source>
        <translation>在各项目净现值于低值—高值区间内随机抽样时，每个入选项目保持入选的频率</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Stability tested: {0} of {1} draws solved, each within {2} of the best portfolio for its NPVs.</source>
        <translation>稳定性检验完成：{1} 次抽样中 {0} 次求解成功，每次与该次净现值下的最优组合相差不超过 {2}。</translation>
    </message>
    <message>
        <source>Stability test failed: {0}</source>
        <translation>稳定性检验失败：{0}</translation>
    </message>
    <message>
        <source>Open case</source>
        <translation>打开案例</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Year by year</source>
        <translation>分年度指标</translation>
    </message>
    <message>
        <source>Five values</source>
        <translation>五个价值</translation>
    </message>
    <message>
        <source>&amp;Test stability…</source>
        <translation>稳定性检验(&amp;T)…</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Portfolio Optimizer — {0}</source>
        <translation>投资组合优化 — {0}</translation>
    </message>
    <message>
        <source>Case workbooks (*.xlsx *.xls *.ods)</source>
        <translation>案例工作簿 (*.xlsx *.xls *.ods)</translation>
    </message>
    <message>
        <source>Opening {0}…</source>
        <translation>正在打开 {0}…</translation>
    </message>
    <message>
        <source>The workbook cannot be used</source>
        <translation>无法使用该工作簿</translation>
    </message>
    <message>
        <source>{0} has {1} problem(s) to fix:</source>
        <translation>{0} 有 {1} 个问题需要修改：</translation>
    </message>
    <message>
        <source>Autosave failed: {0}</source>
        <translation>自动保存失败：{0}</translation>
    </message>
    <message>
        <source>The autosaved case</source>
        <translation>自动保存的案例</translation>
    </message>
    <message>
        <source>Portfolio Optimizer — {0} (restored)</source>
        <translation>投资组合优化 — {0}（已恢复）</translation>
    </message>
    <message>
        <source>The last session ended without closing the window. Restore the case you were working on ({0}, autosaved {1}) with its edits?</source>
        <translation>上次运行未正常关闭窗口。是否恢复当时正在编辑的案例（{0}，自动保存于 {1}）及其修改？</translation>
    </message>
    <message>
        <source>Restore the last session?</source>
        <translation>恢复上次的工作？</translation>
    </message>
    <message>
        <source>searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>gap not yet known</source>
        <translation>间隙尚未知</translation>
    </message>
    <message>
        <source>proven within less than 0.01%</source>
        <translation>已证明与最优解相差不到 0.01%</translation>
    </message>
    <message>
        <source>proven within {0:.2%}</source>
        <translation>已证明与最优解相差不超过 {0:.2%}</translation>
    </message>
    <message>
        <source>best so far {0}, {1}</source>
        <translation>目前最好 {0}，{1}</translation>
    </message>
    <message>
        <source>Solving ({0:.1f} s): {1}</source>
        <translation>正在求解（{0:.1f} 秒）：{1}</translation>
    </message>
    <message>
        <source>{0}: {1} {2}, {3} projects ({4:.1f} s)</source>
        <translation>{0}：{1} {2}，{3} 个项目（{4:.1f} 秒）</translation>
    </message>
    <message>
        <source>Unchanged: the change only tightened rules this portfolio already keeps, so it is still the best.</source>
        <translation>未变：此次调整只收紧了本组合已满足的规则，它仍是最优组合。</translation>
    </message>
    <message>
        <source>The targets cannot all be met: see Limits and diagnosis.</source>
        <translation>目标无法同时达成：请查看“限额与诊断”。</translation>
    </message>
    <message>
        <source>The targets cannot all be met: finding which ones conflict and how far each can be reached…</source>
        <translation>目标无法同时达成：正在查找相互冲突的目标及各目标可达到的程度…</translation>
    </message>
    <message>
        <source>The targets cannot all be met: a first answer is in Limits and diagnosis; its best levels are being found…</source>
        <translation>目标无法同时达成：初步结果见“限额与诊断”，正在寻找最佳水平…</translation>
    </message>
    <message>
        <source>Solve cancelled; the previous answer is shown.</source>
        <translation>求解已取消，显示的是上一次的结果。</translation>
    </message>
    <message>
        <source>The solver failed: {0}</source>
        <translation>求解器出错：{0}</translation>
    </message>
    <message>
        <source>Current portfolio pinned as the baseline.</source>
        <translation>已将当前投资组合设为对比基准。</translation>
    </message>
    <message>
        <source>Scenario {0}</source>
        <translation>情景 {0}</translation>
    </message>
    <message>
        <source>Saved scenarios not loaded: {0}</source>
        <translation>未能载入已保存的情景：{0}</translation>
    </message>
    <message>
        <source>Scenarios not saved to {0}: {1}</source>
        <translation>情景未能保存到 {0}：{1}</translation>
    </message>
    <message>
        <source>Export result</source>
        <translation>导出结果</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Result exported to {0}</source>
        <translation>结果已导出到 {0}</translation>
    </message>
    <message>
        <source>Exporting once each binding limit is re-solved one step looser…</source>
        <translation>每个紧约束放宽一步重新求解完成后即导出…</translation>
    </message>
    <message>
        <source>Test stability</source>
        <translation>稳定性检验</translation>
    </message>
    <message>
        <source>Re-solve with NPVs drawn within their ranges how many times? (each draw is one solve)</source>
        <translation>在净现值区间内抽样重新求解多少次？（每次抽样求解一次）</translation>
    </message>
    <message>
        <source>Save case as</source>
        <translation>案例另存为</translation>
    </message>
    <message>
        <source>Saving failed</source>
        <translation>保存失败</translation>
    </message>
    <message>
        <source>Case saved to {0}</source>
        <translation>案例已保存到 {0}</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
</context>
<context>
    <name>NegativeListModel</name>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>匹配</translation>
    </message>
    <message>
        <source>Hits</source>
        <translation>命中</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Prohibited: the project may not be chosen. Supervised: it may be, under special supervision (unless supervised projects are not allowed).</source>
        <translation>禁止类：项目不得入选。特别监管类：可以入选，须特别监管（不允许特别监管类时除外）。</translation>
    </message>
    <message>
        <source>The Projects column the rule looks at</source>
        <translation>规则所看的项目表列</translation>
    </message>
    <message>
        <source>One or more values separated by a comma, 、 or ;: text equal ignoring case and spaces, *text* for text that contains it, yes or no, a number or &gt;=50, &lt;6%</source>
        <translation>一个或多个值，以逗号、顿号或分号分隔：文本在忽略大小写和空格后相等即匹配，写作 *文本* 表示包含该文本；是或否；数值，或 &gt;=50、&lt;6% 这样的比较</translation>
    </message>
    <message>
        <source>How many projects the rule matches</source>
        <translation>规则命中的项目数</translation>
    </message>
    <message>
        <source>What a project&apos;s reason says when the rule leaves it out</source>
        <translation>规则排除项目时给出的原因</translation>
    </message>
    <message>
        <source>No project matches this rule.</source>
        <translation>没有项目命中此规则。</translation>
    </message>
</context>
<context>
    <name>PortfolioTableModel</name>
    <message>
        <source>ID</source>
        <translation>项目编号</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>投资主体</translation>
    </message>
    <message>
        <source>Strategic
category</source>
        <translation>战新产业
类别</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>参与比例</translation>
    </message>
    <message>
        <source>Supervision</source>
        <translation>特别监管</translation>
    </message>
    <message>
        <source>Start
year</source>
        <translation>开工
年份</translation>
    </message>
    <message>
        <source>Capex</source>
        <translation>投资额</translation>
    </message>
    <message>
        <source>NPV</source>
        <translation>净现值</translation>
    </message>
    <message>
        <source>Stays
chosen</source>
        <translation>保持
入选</translation>
    </message>
    <message>
        <source>Chosen projects the negative list flags for special supervision (特别监管类)</source>
        <translation>入选项目中被负面清单列为特别监管类的项目</translation>
    </message>
    <message>
        <source>传统/Traditional</source>
        <translation>传统产业</translation>
    </message>
    <message>
        <source>Supervised</source>
        <translation>特别监管</translation>
    </message>
    <message>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>移出</translation>
    </message>
    <message>
        <source>deferred</source>
        <translation>推迟</translation>
    </message>
    <message>
        <source>advanced</source>
        <translation>提前</translation>
    </message>
    <message>
        <source>share</source>
        <translation>参与比例</translation>
    </message>
</context>
<context>
    <name>PortfolioView</name>
    <message>
        <source>Filter by ID, name, entity, category or change</source>
        <translation>按编号、名称、投资主体、类别或变化筛选</translation>
    </message>
    <message>
        <source>No result yet.</source>
        <translation>尚无结果。</translation>
    </message>
    <message>
        <source>No portfolio: {why}.</source>
        <translation>无投资组合：{why}。</translation>
    </message>
    <message>
        <source>{count} projects, capex {capex:,.2f} {unit}</source>
        <translation>{count} 个项目，投资额 {capex:,.2f} {unit}</translation>
    </message>
    <message>
        <source>, {n} under special supervision</source>
        <translation>，其中 {n} 个为特别监管类</translation>
    </message>
    <message>
        <source>+{n} added</source>
        <translation>新增 {n} 个</translation>
    </message>
    <message>
        <source>−{n} removed</source>
        <translation>移出 {n} 个</translation>
    </message>
    <message>
        <source>{n} deferred</source>
        <translation>推迟 {n} 个</translation>
    </message>
    <message>
        <source>{n} advanced</source>
        <translation>提前 {n} 个</translation>
    </message>
    <message>
        <source>{n} share changed</source>
        <translation>参与比例变化 {n} 个</translation>
    </message>
    <message>
        <source>; vs baseline: </source>
        <translation>；与基准相比：</translation>
    </message>
</context>
<context>
    <name>ProjectDifferenceModel</name>
    <message>
        <source>ID</source>
        <translation>项目编号</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <source>✗ not chosen</source>
        <translation>✗ 未入选</translation>
    </message>
    <message>
        <source>Not chosen</source>
        <translation>未入选</translation>
    </message>
    <message>
        <source>{0:.2%} funded, starting in {1}</source>
        <translation>参与比例 {0:.2%}，{1} 年开工</translation>
    </message>
</context>
<context>
    <name>ProjectTableModel</name>
    <message>
        <source>Total capex over the plan years (投资合计)</source>
        <translation>规划期内投资合计</translation>
    </message>
    <message>
        <source>Negative-list screening (负面清单): prohibited projects cannot be chosen; supervised ones may be, under special supervision</source>
        <translation>负面清单筛查：禁止类项目不能入选；特别监管类项目可以入选，但须接受特别监管</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>项目编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>投资主体</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>所属行业</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>战新产业类别</translation>
    </message>
    <message>
        <source>Mandatory</source>
        <translation>必选</translation>
    </message>
    <message>
        <source>Excluded</source>
        <translation>排除</translation>
    </message>
    <message>
        <source>Capex</source>
        <translation>投资额</translation>
    </message>
    <message>
        <source>NPV</source>
        <translation>净现值</translation>
    </message>
    <message>
        <source>IRR</source>
        <translation>内部收益率</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <source>Earliest</source>
        <translation>最早开工</translation>
    </message>
    <message>
        <source>Latest</source>
        <translation>最晚开工</translation>
    </message>
    <message>
        <source>Min share</source>
        <translation>最低参与比例</translation>
    </message>
    <message>
        <source>Chosen</source>
        <translation>入选</translation>
    </message>
    <message>
        <source>Reason not chosen</source>
        <translation>未入选原因</translation>
    </message>
    <message>
        <source>Screening</source>
        <translation>负面清单</translation>
    </message>
    <message>
        <source>{share} from {year}</source>
        <translation>{share}，{year} 年开工</translation>
    </message>
    <message>
        <source>Cannot be mandatory: {reason}</source>
        <translation>不能设为必选：{reason}</translation>
    </message>
    <message>
        <source>Prohibited</source>
        <translation>禁止</translation>
    </message>
    <message>
        <source>Supervised</source>
        <translation>特别监管</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>No rule of the negative list applies</source>
        <translation>不涉及负面清单中的任何规则</translation>
    </message>
    <message>
        <source>Rule on row {row} of the NegativeList sheet: {field} {match}</source>
        <translation>负面清单工作表第 {row} 行的规则：{field} {match}</translation>
    </message>
</context>
<context>
    <name>ProjectTableView</name>
    <message>
        <source>Search id, name, entity, sector…</source>
        <translation>搜索编号、名称、主体、行业…</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Traditional (non-strategic) 传统</source>
        <translation>传统产业（非战新）</translation>
    </message>
    <message>
        <source>All entities</source>
        <translation>全部投资主体</translation>
    </message>
    <message>
        <source>Chosen or not</source>
        <translation>入选与否</translation>
    </message>
    <message>
        <source>Chosen</source>
        <translation>入选</translation>
    </message>
    <message>
        <source>Not chosen</source>
        <translation>未入选</translation>
    </message>
    <message>
        <source>Any screening</source>
        <translation>全部筛查状态</translation>
    </message>
    <message>
        <source>Negative-list screening (负面清单)</source>
        <translation>负面清单筛查</translation>
    </message>
    <message>
        <source>showing {shown} of {total} projects</source>
        <translation>显示 {shown} / {total} 个项目</translation>
    </message>
</context>
<context>
    <name>ResultChart</name>
    <message>
        <source>no result yet</source>
        <translation>尚无结果</translation>
    </message>
    <message>
        <source>no portfolio in this result</source>
        <translation>该结果没有投资组合</translation>
    </message>
</context>
<context>
    <name>RiskFrontierChart</name>
    <message>
        <source>Expected NPV against risk</source>
        <translation>期望净现值与风险</translation>
    </message>
    <message>
        <source>not computed yet</source>
        <translation>尚未计算</translation>
    </message>
    <message>
        <source>no portfolio found</source>
        <translation>未找到组合</translation>
    </message>
    <message>
        <source>against pessimistic NPV</source>
        <translation>对悲观净现值</translation>
    </message>
    <message>
        <source>against CVaR 90%</source>
        <translation>对条件风险价值（CVaR）90%</translation>
    </message>
    <message>
        <source>Risk aversion {0:.2f}</source>
        <translation>风险厌恶系数 {0:.2f}</translation>
    </message>
    <message>
        <source>Pessimistic NPV or CVaR 90%</source>
        <translation>悲观净现值或条件风险价值（CVaR）90%</translation>
    </message>
    <message>
        <source>Expected NPV</source>
        <translation>期望净现值</translation>
    </message>
</context>
<context>
    <name>RiskLine</name>
    <message>
        <source>Risk: pessimistic NPV {low} · CVaR {level:.0%} {cvar} · expected NPV {expected} (risk aversion {aversion:.2f})</source>
        <translation>风险：悲观净现值 {low} · 条件风险价值 {level:.0%} {cvar} · 期望净现值 {expected}（风险厌恶系数 {aversion:.2f}）</translation>
    </message>
    <message>
        <source>Pessimistic NPV: every chosen project at its npv_low. CVaR {level:.0%}: the mean NPV of the worst {tail:.0%} of {n} scenarios drawn from triangular distributions (seed {seed}).</source>
        <translation>悲观净现值：每个入选项目取其悲观净现值（npv_low）。条件风险价值（CVaR）{level:.0%}：按三角分布抽取的 {n} 个情景中最差 {tail:.0%} 的平均净现值（随机种子 {seed}）。</translation>
    </message>
</context>
<context>
    <name>RiskPanel</name>
    <message>
        <source>Compute the NPV–risk frontier</source>
        <translation>计算净现值—风险前沿</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Each point is the best portfolio at one risk aversion (0 to 1): its expected NPV against its pessimistic NPV and its CVaR 90%.</source>
        <translation>每个点是某一风险厌恶系数（0 到 1）下的最优组合：其期望净现值对悲观净现值及条件风险价值（CVaR）90%。</translation>
    </message>
    <message>
        <source>The NPV–risk frontier needs the npv objective and projects with NPV ranges (npv_low, npv_high).</source>
        <translation>净现值—风险前沿需要以净现值为目标，并需给出净现值区间（npv_low、npv_high）的项目。</translation>
    </message>
    <message>
        <source>The frontier could not be computed: {0}</source>
        <translation>前沿无法计算：{0}</translation>
    </message>
</context>
<context>
    <name>RulesPanel</name>
    <message>
        <source>Negative list (负面清单)</source>
        <translation>负面清单</translation>
    </message>
    <message>
        <source>The Projects column the rule looks at</source>
        <translation>规则所看的项目表列</translation>
    </message>
    <message>
        <source>Match: 房地产, *煤*, yes, &gt;=50</source>
        <translation>匹配：房地产, *煤*, 是, &gt;=50</translation>
    </message>
    <message>
        <source>One or more values separated by a comma, 、 or ;: text equal ignoring case and spaces, *text* for text that contains it, yes or no, a number or &gt;=50, &lt;6%</source>
        <translation>一个或多个值，以逗号、顿号或分号分隔：文本在忽略大小写和空格后相等即匹配，写作 *文本* 表示包含该文本；是或否；数值，或 &gt;=50、&lt;6% 这样的比较</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation>添加规则</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>删除所选</translation>
    </message>
    <message>
        <source>Exclusive groups (项目组)</source>
        <translation>项目组</translation>
    </message>
    <message>
        <source>How many projects of each group may be chosen; a group the case does not set takes at most one. Min 1 and max 1: exactly one.</source>
        <translation>每组可入选的项目数；未设置的组最多入选一个。最少 1、最多 1：恰好入选一个。</translation>
    </message>
    <message>
        <source>Entity budgets (投资主体)</source>
        <translation>投资主体预算</translation>
    </message>
    <message>
        <source>Each subsidiary&apos;s own caps on its projects&apos; spend, in {unit}; blank: no cap.</source>
        <translation>各投资主体对其项目投资的自身上限，单位{unit}；空白表示不设上限。</translation>
    </message>
</context>
<context>
    <name>ScenarioListModel</name>
    <message>
        <source>Name</source>
        <translation>情景名称</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>保存时间</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>优化目标</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Capex</source>
        <translation>投资额</translation>
    </message>
    <message>
        <source>Amounts in {0}.</source>
        <translation>金额单位：{0}。</translation>
    </message>
    <message>
        <source>Objective in {0}, capex in {1}.</source>
        <translation>目标值单位：{0}；投资额单位：{1}。</translation>
    </message>
    <message>
        <source>
Loaded from file: its settings and a summary of its answer</source>
        <translation>
从文件载入：含其设置和结果摘要</translation>
    </message>
</context>
<context>
    <name>ScenariosPanel</name>
    <message>
        <source>No scenarios yet. Solve, then “Save current…” to keep the answer and compare it with others.</source>
        <translation>尚无情景。求解后点击“保存当前…”即可保存结果，并与其他情景对比。</translation>
    </message>
    <message>
        <source>Save current…</source>
        <translation>保存当前…</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Select two or more scenarios (Ctrl+click) to compare them</source>
        <translation>选择两个或更多情景（Ctrl+单击）进行对比</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Export all…</source>
        <translation>全部导出…</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Save scenario</source>
        <translation>保存情景</translation>
    </message>
    <message>
        <source>Name of this scenario:</source>
        <translation>情景名称：</translation>
    </message>
    <message>
        <source>Export scenarios</source>
        <translation>导出情景</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Delete {0} saved scenario(s)?

{1}</source>
        <translation>删除 {0} 个已保存的情景？

{1}</translation>
    </message>
    <message>
        <source>Delete scenarios</source>
        <translation>删除情景</translation>
    </message>
</context>
<context>
    <name>Sparkline</name>
    <message>
        <source>{year}: {before} without new projects</source>
        <translation>{year}年：不含新增项目 {before}</translation>
    </message>
    <message>
        <source>{year}: {before} → {after}</source>
        <translation>{year}年：{before} → {after}</translation>
    </message>
    <message>
        <source>(target {sense} {value})</source>
        <translation>（目标 {sense} {value}）</translation>
    </message>
</context>
<context>
    <name>SpendByYearChart</name>
    <message>
        <source>Spend by plan year against budget</source>
        <translation>分年度投资与预算</translation>
    </message>
    <message>
        <source>Spend</source>
        <translation>投资额</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>Plan year</source>
        <translation>规划年度</translation>
    </message>
    <message>
        <source>Spend ({unit})</source>
        <translation>投资额（{unit}）</translation>
    </message>
    <message>
        <source>{year}: spend {spend:,.2f} {unit}, no annual budget</source>
        <translation>{year} 年：投资 {spend:,.2f} {unit}，未设年度预算</translation>
    </message>
    <message>
        <source>{year}: spend {spend:,.2f} of budget {budget:,.2f} {unit}</source>
        <translation>{year} 年：投资 {spend:,.2f} {unit}，预算 {budget:,.2f} {unit}</translation>
    </message>
</context>
<context>
    <name>StabilityRun</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Test stability</source>
        <translation>稳定性检验</translation>
    </message>
    <message>
        <source>Re-solving with NPVs drawn in their ranges: draw {0} of {1}, each solved to within {2} of the best portfolio for its NPVs</source>
        <translation>正在按区间内抽样的净现值重新求解：第 {0} 次抽样，共 {1} 次，每次求解到与该次净现值下最优组合相差不超过 {2}</translation>
    </message>
</context>
<context>
    <name>TargetsPanel</name>
    <message>
        <source>Revenue</source>
        <translation>营业收入</translation>
    </message>
    <message>
        <source>Total profit</source>
        <translation>利润总额</translation>
    </message>
    <message>
        <source>Net profit</source>
        <translation>净利润</translation>
    </message>
    <message>
        <source>Total assets</source>
        <translation>资产总额</translation>
    </message>
    <message>
        <source>Total liabilities</source>
        <translation>负债总额</translation>
    </message>
    <message>
        <source>Equity</source>
        <translation>净资产</translation>
    </message>
    <message>
        <source>Operating cash flow</source>
        <translation>经营现金流</translation>
    </message>
    <message>
        <source>R&amp;D spend</source>
        <translation>研发投入</translation>
    </message>
    <message>
        <source>Average headcount</source>
        <translation>平均职工人数</translation>
    </message>
    <message>
        <source>Labour output</source>
        <translation>劳动生产总值</translation>
    </message>
    <message>
        <source>Income tax rate</source>
        <translation>所得税率</translation>
    </message>
    <message>
        <source>Cost of capital</source>
        <translation>资本成本率</translation>
    </message>
    <message>
        <source>Hurdle rate (5-year treasury)</source>
        <translation>基准收益率（5年期国债）</translation>
    </message>
    <message>
        <source>Equity of new projects</source>
        <translation>新项目资本金来源</translation>
    </message>
    <message>
        <source>Budgets</source>
        <translation>投资预算</translation>
    </message>
    <message>
        <source>Strategic &amp;&amp; structure</source>
        <translation>战略与结构</translation>
    </message>
    <message>
        <source>Projects the negative list (负面清单) flags for special supervision may be chosen; unticked, they are left out like prohibited ones.</source>
        <translation>被负面清单列为特别监管类的项目可以入选；不勾选时，这些项目与禁止类项目一样不予入选。</translation>
    </message>
    <message>
        <source>One profit, five rates (一利五率)</source>
        <translation>一利五率</translation>
    </message>
    <message>
        <source>These targets are measured against the group baseline below; the case has none yet.</source>
        <translation>这些目标以下方的企业基数为基础计算；本案例尚未填写企业基数。</translation>
    </message>
    <message>
        <source>Blank: the target for every year applies in {year}.</source>
        <translation>留空：{year}年按全部年度的目标考核。</translation>
    </message>
    <message>
        <source>Blank: no target in {year}.</source>
        <translation>留空：{year}年不设目标。</translation>
    </message>
    <message>
        <source>The target in {year} alone ({key}).</source>
        <translation>仅{year}年的目标（{key}）。</translation>
    </message>
    <message>
        <source>Group baseline (企业基数)</source>
        <translation>企业基数</translation>
    </message>
    <message>
        <source>Steady state only</source>
        <translation>仅考核稳态</translation>
    </message>
    <message>
        <source>Steady state and every plan year</source>
        <translation>稳态及每个规划年度</translation>
    </message>
    <message>
        <source>Where the targets of the Every year column bind. {steady}: the steady state after the plan only, every project at full effect. {every_year}: the steady state and each plan year, as SASAC assesses them; a target set in a year&apos;s own column replaces them in that year.</source>
        <translation>“全部年度”一列的目标在哪里考核。{steady}：只考核规划完成后的稳态，所有项目全部达产。{every_year}：考核稳态和每个规划年度，与国资委逐年考核一致；某一年度一列中单独填写的目标在该年度取代它们。</translation>
    </message>
    <message>
        <source>Every year</source>
        <translation>全部年度</translation>
    </message>
    <message>
        <source>The targets without a year: they bind the steady state after the plan and, with the KPI check on every plan year, each plan year that has no target of its own.</source>
        <translation>不分年度的目标：考核规划完成后的稳态；考核口径为逐年时，也考核每个没有单独目标的规划年度。</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>优化目标</translation>
    </message>
    <message>
        <source>Maximise
优化目标</source>
        <translation>优化目标</translation>
    </message>
    <message>
        <source>Score weights (relative):</source>
        <translation>评分权重（相对值）：</translation>
    </message>
    <message>
        <source>Ticked: the target applies ({key}). Unticked: no limit.</source>
        <translation>勾选：该目标生效（{key}）。不勾选：不设限。</translation>
    </message>
    <message>
        <source>Where the equity part of each project&apos;s capex comes from. {new_capital}: new capital, so the group&apos;s net assets grow by it. {own_funds}: the group&apos;s own cash, so its total assets grow only by the debt part and its net assets do not grow.</source>
        <translation>各项目投资中资本金部分的来源。{new_capital}：新增资本金，企业净资产随之增加。{own_funds}：企业自有资金，资产总额只增加负债部分，净资产不增加。</translation>
    </message>
    <message>
        <source> people</source>
        <translation> 人</translation>
    </message>
    <message>
        <source>Ticked: the group&apos;s figure ({key}). Unticked: not known.</source>
        <translation>勾选：填写集团数据（{key}）。不勾选：未知。</translation>
    </message>
</context>
<context>
    <name>TradeoffChart</name>
    <message>
        <source>Best objective against the target</source>
        <translation>最优目标值随指标的变化</translation>
    </message>
    <message>
        <source>Best objective against {what}</source>
        <translation>最优目标值随{what}的变化</translation>
    </message>
    <message>
        <source>not computed yet</source>
        <translation>尚未计算</translation>
    </message>
    <message>
        <source>no portfolio at any level solved so far</source>
        <translation>已计算的各水平均无可行组合</translation>
    </message>
    <message>
        <source>out of date: the case has changed since; press Compute</source>
        <translation>已过期：方案已修改，请点击“计算”</translation>
    </message>
    <message>
        <source>Best objective</source>
        <translation>最优目标值</translation>
    </message>
    <message>
        <source>Click a point to load it</source>
        <translation>点击某点即载入该方案</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>Current level {value}</source>
        <translation>当前水平 {value}</translation>
    </message>
    <message>
        <source>No portfolio meets the targets</source>
        <translation>没有组合能满足指标</translation>
    </message>
    <message>
        <source>No portfolio found within the time limit</source>
        <translation>求解时限内未找到投资组合</translation>
    </message>
</context>
<context>
    <name>TradeoffsPanel</name>
    <message>
        <source> points</source>
        <translation> 个点</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>指标：</translation>
    </message>
    <message>
        <source>from</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>%v of %m levels solved</source>
        <translation>已求解 %v / %m 个水平</translation>
    </message>
    <message>
        <source>Solving the case at each level…</source>
        <translation>正在逐个水平求解…</translation>
    </message>
    <message>
        <source>Cancelled; the levels solved so far are shown.</source>
        <translation>已取消；显示已求解的水平。</translation>
    </message>
    <message>
        <source>{solved} of {total} levels have a portfolio. Click a point to load that case.</source>
        <translation>{total} 个水平中有 {solved} 个有可行组合。点击某点即载入该方案。</translation>
    </message>
    <message>
        <source>The trade-off could not be computed: {0}</source>
        <translation>无法计算目标权衡：{0}</translation>
    </message>
    <message>
        <source>Loaded the case with the {what} at {value}.</source>
        <translation>已载入{what}为 {value} 的方案。</translation>
    </message>
</context>
<context>
    <name>ValueBlock</name>
    <message>
        <source>{ids} and {count} more</source>
        <translation>{ids} 等，另有 {count} 个</translation>
    </message>
    <message>
        <source>Carried by {count}: {ids}</source>
        <translation>承载项目 {count} 个：{ids}</translation>
    </message>
    <message>
        <source>No chosen project carries it.</source>
        <translation>没有入选项目承载该价值。</translation>
    </message>
    <message>
        <source>{name} in {year}</source>
        <translation>{year}年{name}</translation>
    </message>
    <message>
        <source>{name} at full run rate</source>
        <translation>全部达产后{name}</translation>
    </message>
    <message>
        <source>met</source>
        <translation>已达成</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>未达成</translation>
    </message>
    <message>
        <source>{count} more</source>
        <translation>另有 {count} 个</translation>
    </message>
    <message>
        <source>{met} of {count}</source>
        <translation>{met} / {count}</translation>
    </message>
    <message>
        <source>no target set</source>
        <translation>未设目标</translation>
    </message>
    <message>
        <source>{points} pp</source>
        <translation>{points} 个百分点</translation>
    </message>
</context>
<context>
    <name>WhatIfPanel</name>
    <message>
        <source>What if…</source>
        <translation>假设分析</translation>
    </message>
    <message>
        <source>0 maximises the expected NPV, 1 the pessimistic NPV (every project at its npv_low)</source>
        <translation>0 使期望净现值最大，1 使悲观净现值最大（每个项目取其 npv_low）</translation>
    </message>
    <message>
        <source>Objective weights (score)</source>
        <translation>目标权重（综合评分）</translation>
    </message>
    <message>
        <source>Compare pairwise…</source>
        <translation>两两比较…</translation>
    </message>
    <message>
        <source>Set the weights by comparing the criteria two at a time (AHP)</source>
        <translation>通过两两比较准则确定权重（层次分析法）</translation>
    </message>
    <message>
        <source>With the KPI check on every plan year, this target also binds each plan year that has no target of its own: moving it moves them all.</source>
        <translation>考核口径为逐年：该目标也考核每个没有单独目标的规划年度，拖动它会同时改变这些年度的目标。</translation>
    </message>
    <message>
        <source>This target binds the steady state after the plan (the KPI check is the steady state only).</source>
        <translation>该目标考核规划完成后的稳态（考核口径为稳态）。</translation>
    </message>
    <message>
        <source>The target in {year} alone ({key}): it replaces the target for every year in {year}.</source>
        <translation>仅{year}年的目标（{key}）：在{year}年取代全部年度的目标。</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不设限</translation>
    </message>
    <message>
        <source>as every year: {value}</source>
        <translation>同全部年度：{value}</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>YearChart</name>
    <message>
        <source>Before</source>
        <translation>投资前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>投资后</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>未达标</translation>
    </message>
    <message>
        <source>not computed for this case</source>
        <translation>本案例不计算此项</translation>
    </message>
    <message>
        <source>{year}: {figure}</source>
        <translation>{year}年{figure}</translation>
    </message>
    <message>
        <source>before {before} → after {after}</source>
        <translation>投资前 {before} → 投资后 {after}</translation>
    </message>
    <message>
        <source>without new projects {before}</source>
        <translation>不含新增项目 {before}</translation>
    </message>
    <message>
        <source>target {sense} {value}</source>
        <translation>目标 {sense} {value}</translation>
    </message>
    <message>
        <source>{target}: {status}</source>
        <translation>{target}：{status}</translation>
    </message>
    <message>
        <source>met</source>
        <translation>已达成</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>未达成</translation>
    </message>
    <message>
        <source>people</source>
        <translation>人</translation>
    </message>
    <message>
        <source>{figure} = {terms}</source>
        <translation>{figure} = {terms}</translation>
    </message>
    <message>
        <source>{figure} = {this} ÷ {last} − 1</source>
        <translation>{figure} = {this} ÷ {last} − 1</translation>
    </message>
    <message>
        <source>{figure} = {top} ÷ {bottom}</source>
        <translation>{figure} = {top} ÷ {bottom}</translation>
    </message>
</context>
<context>
    <name>YearsPanel</name>
    <message>
        <source>No result yet.</source>
        <translation>尚无结果。</translation>
    </message>
    <message>
        <source>This case has no Enterprise sheet: the group&apos;s profit and rates year by year are measured from its baseline figures (revenue, profit, assets, liabilities...).</source>
        <translation>本案例没有“企业基数”工作表：集团分年度的利润总额和各项比率要由其基数（营业收入、利润、资产、负债等）计算。</translation>
    </message>
    <message>
        <source>Each plan year: dashed without new projects, solid with the recommended portfolio, the target where one binds that year; a year that misses it is marked red.</source>
        <translation>各规划年度：虚线为不含新增项目，实线为含推荐投资组合，另示当年适用的目标；未达标的年份以红点标出。</translation>
    </message>
    <message>
        <source>No portfolio keeps every rule.</source>
        <translation>没有能满足全部规则的投资组合。</translation>
    </message>
    <message>
        <source>No portfolio.</source>
        <translation>没有投资组合。</translation>
    </message>
    <message>
        <source>Each plan year shows the group without new projects against the target that binds that year; a year that misses it is marked red.</source>
        <translation>各规划年度显示不含新增项目的集团与当年适用目标的对比；未达标的年份以红点标出。</translation>
    </message>
    <message>
        <source>Hover over a year for the amounts that make up the figure.</source>
        <translation>鼠标悬停在某一年份上，可查看构成该指标的各项金额。</translation>
    </message>
    <message>
        <source>No target binds in a plan year: the targets bind after the plan unless the KPI check is every year or a target is set for a year.</source>
        <translation>规划年度内没有适用的目标：除非考核口径为“逐年”或为某一年单独设定了目标，目标只约束规划期后的稳态。</translation>
    </message>
</context>
</TS>
