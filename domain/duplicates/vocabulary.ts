/**
 * The words of hotline filings that tell nothing about what or where: function words, the
 * phrases every filing uses (反映, 希望尽快解决) and the English ones a description may hold.
 * Dropped from the terms, so two filings match on what they are about.
 */
export const stopWords: ReadonlySet<string> = new Set(
  [
    // function words
    '的 了 着 过 在 是 有 和 与 及 或 也 都 就 还 又 很 太 更 最 把 被 让 给 对 从 向 往 到 于 为 因为 所以 但是 但 而且 而 并 如果 虽然 这 那 这个 那个 这里 那里 这些 那些 这样 那样 什么 怎么 怎么办 一个 一些 一直 已经 现在 目前 今天 昨天 每天 经常 总是 非常 特别 比较 一下 一点 没有 不 没 能 会 要 想 让 得 地 吗 呢 吧 啊 呀 哦 嘛',
    // who is speaking
    '我 我们 我家 你 你们 他 他们 她 她们 它 大家 本人 自己 居民 市民 群众 业主 住户 来电人 来电',
    // what every filing says
    '反映 反应 投诉 举报 咨询 诉求 问题 情况 事情 希望 请求 要求 请 尽快 及时 马上 立即 处理 解决 帮助 帮忙 相关 有关 部门 单位 说 讲 表示 称 发现 出现 存在 导致 造成 影响 严重 长期 多次 一次 几次 至今 仍然 依然 始终 还是 依旧',
    // English
    'a an the of to in on at for from by with and or but is are was were be been has have had it its this that these those my our we i you he she they them there here not no please since',
  ].flatMap((words) => words.split(' ')),
);

/**
 * Words that name the same thing in filings, mapped to one of them: residents say 噪音 where the
 * category says 噪声, 没水 and 断水 where the water company says 停水.
 */
export const synonyms: Readonly<Record<string, string>> = {
  噪音: '噪声',
  吵闹: '噪声',
  断水: '停水',
  没水: '停水',
  无水: '停水',
  断电: '停电',
  没电: '停电',
  渗水: '漏水',
  滴水: '漏水',
  漏雨: '漏水',
  路灯不亮: '路灯',
  垃圾桶: '垃圾',
  下水道: '排水',
  污水: '排水',
};

/**
 * A number followed by one of these names a place (3号楼, 2单元, 501室); the counter is read as
 * its kind, so 3号楼, 3栋 and 三幢 are one building, and 3楼 (a floor, as residents say it) is 3层.
 */
export const placeCounters: Readonly<Record<string, string>> = {
  号楼: '栋',
  栋: '栋',
  幢: '栋',
  座: '栋',
  号院: '院',
  单元: '单元',
  楼: '层',
  层: '层',
  室: '室',
  号: '号',
  弄: '弄',
  巷: '巷',
  组: '组',
};
