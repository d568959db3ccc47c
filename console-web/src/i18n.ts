// English and Chinese texts; the language is chosen in the header and kept in localStorage.
import { configTexts } from './i18n-config';

const texts = {
  title: ['Falcon console', 'Falcon 控制台'],
  signIn: ['Sign in', '登录'],
  signOut: ['Sign out', '退出'],
  user: ['User name', '用户名'],
  password: ['Password', '密码'],
  signInHelp: ['Sign in with your open-falcon (uic) user name and password.', '使用 open-falcon（uic）的用户名和密码登录。'],
  navMonitoring: ['Monitoring', '监控'],
  navConfiguration: ['Configuration', '配置'],
  alarms: ['Alarms', '告警'],
  silences: ['Silences', '屏蔽'],
  agents: ['Agents', 'Agent'],
  upgrades: ['Upgrades', '升级'],
  hosts: ['Host charts', '主机图表'],
  groups: ['Host groups', '主机组'],
  templates: ['Templates', '模板'],
  teams: ['Teams', '团队'],
  alarmsHelp: [
    'The open alarms of your teams (those whose action notifies one of your teams), newest first; the list refreshes every few seconds. Acknowledge an alarm to tell your team you are on it: its repeated notifications stop until it recovers. Silence one to stop notifications to you (or your team) for a while. Click a row for its history and a chart of its metric.',
    '你所在团队的未恢复告警（其动作通知你的团队），最新的在前，每隔几秒自动刷新。“认领”告诉团队你在处理：重复通知停止，直到恢复。“屏蔽”在一段时间内不再通知你（或你的团队）。点击一行查看历史和指标图表。',
  ],
  search: ['Search', '搜索'],
  endpoint: ['Endpoint', '主机'],
  metric: ['Metric', '指标'],
  text: ['Text', '文本'],
  status: ['Status', '状态'],
  priority: ['Priority', '优先级'],
  from: ['From', '从'],
  to: ['To', '到'],
  open: ['Open (PROBLEM)', '未恢复 (PROBLEM)'],
  all: ['All', '全部'],
  recovered: ['Recovered (OK)', '已恢复 (OK)'],
  any: ['Any', '任意'],
  note: ['Note', '说明'],
  started: ['Started', '开始'],
  updated: ['Last event', '最近事件'],
  step: ['Step', '次数'],
  acked: ['Acknowledged', '已认领'],
  ack: ['Acknowledge', '认领'],
  unack: ['Withdraw', '撤销认领'],
  ackPrompt: ['Why? Your team sees this note.', '原因？团队会看到这条说明。'],
  silence: ['Silence', '屏蔽'],
  silenced: ['silenced', '已屏蔽'],
  forMe: ['for me', '仅我'],
  forTeam: ['for my team', '我的团队'],
  custom: ['custom…', '自定义…'],
  customPrompt: ['Silence for how long? (e.g. 30m, 2h, 3d)', '屏蔽多久？（如 30m、2h、3d）'],
  noAlarms: ['No alarms match: all is quiet for your teams.', '没有匹配的告警：你的团队一切正常。'],
  notify: ['Notify me of new alarms', '新告警时通知我'],
  newAlarm: ['New alarm', '新告警'],
  showMore: ['Show 50 more', '再显示 50 条'],
  history: ['History', '历史'],
  notes: ['Notes', '说明记录'],
  chartAround: ['The metric around the alarm time', '告警时间前后的指标'],
  close: ['Close', '关闭'],
  silencesHelp: [
    'Silences in force: while one holds, alarms of that counter on that endpoint are not sent to that person (others still get them). Those ending within an hour are marked. Add one below: the preview lists the open alarms it would match.',
    '生效中的屏蔽：屏蔽期间，该主机该指标的告警不再发给该人（其他人照常收到）。一小时内到期的已标出。在下方添加：预览列出会被匹配的未恢复告警。',
  ],
  until: ['Until', '直到'],
  comment: ['Why', '原因'],
  createdBy: ['Set by', '设置人'],
  remove: ['Remove', '删除'],
  add: ['Add silence', '添加屏蔽'],
  preview: ['Preview', '预览'],
  duration: ['Duration', '时长'],
  counter: ['Counter (metric or metric/tags)', '计数器（指标或 指标/标签）'],
  scope: ['For', '对象'],
  expiringSoon: ['ends soon', '即将到期'],
  broadEndpoint: ['Every endpoint (*): this silences the counter on all hosts.', '所有主机（*）：将屏蔽所有主机上的该指标。'],
  broadDuration: ['Longer than a day: remember to remove it when done.', '超过一天：处理完后记得删除。'],
  wouldMatch: ['Open alarms this silence would match:', '此屏蔽会匹配的未恢复告警：'],
  noneMatch: ['No open alarm matches now.', '目前没有匹配的未恢复告警。'],
  noSilences: ['No silence is in force.', '没有生效中的屏蔽。'],
  agentsHelp: [
    'Every host Falcon knows, with the version its agent reports, its last heartbeat to hbs and, when several datacenters are configured, the datacenter it reports to. Dead agents (no heartbeat for a few minutes) are shown first in red: check the host or the agent process.',
    'Falcon 已知的所有主机，包含 agent 上报的版本、最近一次心跳，以及配置了多个机房时它上报到的机房。失联的 agent（几分钟无心跳）以红色排在最前：请检查主机或 agent 进程。',
  ],
  filter: ['Filter', '过滤'],
  onlyDead: ['only dead', '仅失联'],
  hostname: ['Host', '主机'],
  version: ['Agent version', 'Agent 版本'],
  plugins: ['Plugins', '插件'],
  lastHeartbeat: ['Last heartbeat', '最近心跳'],
  group: ['Groups', '主机组'],
  alive: ['alive', '正常'],
  dead: ['dead', '失联'],
  datacenter: ['Datacenter', '机房'],
  upgradesHelp: [
    'The agent upgrade task hbs is running: hosts upgraded, in flight, failed and remaining. Failed and rolled-back hosts are listed with the reason their agent reported. Admins can push a new task, pause it (agents already upgrading finish, no new ones start), resume it, or cancel it.',
    'hbs 正在执行的 agent 升级任务：已升级、进行中、失败和剩余的主机。失败和回滚的主机列出 agent 上报的原因。管理员可以下发新任务、暂停（正在升级的 agent 会完成，不再开始新的）、恢复或取消任务。',
  ],
  noTask: ['No upgrade task.', '没有升级任务。'],
  done: ['upgraded', '已升级'],
  inFlight: ['in flight', '进行中'],
  failed: ['failed', '失败'],
  remaining: ['remaining', '剩余'],
  push: ['Push upgrade', '下发升级'],
  pause: ['Pause', '暂停'],
  resume: ['Resume', '恢复'],
  cancel: ['Cancel task', '取消任务'],
  reason: ['Reason', '原因'],
  adminsOnly: ['Only admins push, pause, resume or cancel upgrades.', '只有管理员可以下发、暂停、恢复或取消升级。'],
  hostsHelp: [
    'A host\u2019s key metrics from the time-series database: CPU, memory, disk, network and load. Pick a time range, or search any metric the host reports.',
    '来自时序数据库的主机关键指标：CPU、内存、磁盘、网络和负载。选择时间范围，或搜索该主机上报的任意指标。',
  ],
  host: ['Host', '主机'],
  show: ['Show', '显示'],
  range: ['Range', '时间范围'],
  anyMetric: ['Any metric', '任意指标'],
  noData: ['no data in this range', '该时间范围内没有数据'],
  ...configTexts,
} as const;

export type TextKey = keyof typeof texts;

let lang: 0 | 1 = (localStorage.getItem('falcon.lang') ?? (navigator.language.startsWith('zh') ? 'zh' : 'en')) === 'zh' ? 1 : 0;

export function t(key: TextKey): string {
  return texts[key][lang];
}

export function language(): 'en' | 'zh' {
  return lang === 1 ? 'zh' : 'en';
}

export function setLanguage(value: 'en' | 'zh'): void {
  lang = value === 'zh' ? 1 : 0;
  localStorage.setItem('falcon.lang', value);
  document.documentElement.lang = value === 'zh' ? 'zh-CN' : 'en';
}
