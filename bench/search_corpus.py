"""A reproducible synthetic disclosure catalogue for the search benchmarks.

Titles and bodies are built from the phrases Chinese government notices are made of
(关于……的通知, 为进一步加强……工作, 根据《……》有关规定), with the topic words drawn
from a Zipf distribution over a hand-written vocabulary of policy terms followed by a
long tail of generated place and project names, so some words are in half the
catalogue and some in a handful of entries — the shape real search traffic meets.
Metadata follows the catalogue's rules: 18 agencies of one district, 索引号
``机构代码/YYYY-NNNNN`` numbered per agency and year, 文号 such as 硚政办〔2021〕3号
numbered per agency and year, a subject category, an information type, validity for
policy documents, publication dates from 2008 to 2026.

The same ``--entries`` and ``--seed`` always give the same catalogue.

    .venv/bin/python bench/search_corpus.py --entries 100000 --output /tmp/corpus.jsonl
"""

from __future__ import annotations

import argparse
import bisect
import functools
import itertools
import random
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from gongkai.search.document import SearchDocument

# (short name used in 文号, full name, code): a district's offices, bureaus and streets.
AGENCIES = [
    ("硚政", "武汉市硚口区人民政府"),
    ("硚政办", "武汉市硚口区人民政府办公室"),
    ("硚发改", "武汉市硚口区发展和改革局"),
    ("硚教", "武汉市硚口区教育局"),
    ("硚科", "武汉市硚口区科学技术和经济信息化局"),
    ("硚民", "武汉市硚口区民政局"),
    ("硚财", "武汉市硚口区财政局"),
    ("硚人社", "武汉市硚口区人力资源和社会保障局"),
    ("硚住", "武汉市硚口区住房和城市更新局"),
    ("硚城管", "武汉市硚口区城市管理执法局"),
    ("硚卫", "武汉市硚口区卫生健康局"),
    ("硚应急", "武汉市硚口区应急管理局"),
    ("硚市监", "武汉市硚口区市场监督管理局"),
    ("硚征", "武汉市硚口区房屋征收管理办公室"),
    ("汉正街", "武汉市硚口区汉正街道办事处"),
    ("宝丰", "武汉市硚口区宝丰街道办事处"),
    ("古田", "武汉市硚口区古田街道办事处"),
    ("长丰", "武汉市硚口区长丰街道办事处"),
]
SUBJECTS = [
    "综合政务",
    "国民经济管理、国有资产监管",
    "财政、金融、审计",
    "国土资源、能源",
    "城乡建设、环境保护",
    "劳动、人事、监察",
    "科技、教育",
    "文化、广电、新闻出版",
    "卫生、体育",
    "民政、扶贫、救灾",
    "公安、安全、司法",
    "市场监管、安全生产监管",
]
INFO_TYPES = [
    "通知公告",
    "政策文件",
    "规划计划",
    "财政预决算",
    "人事信息",
    "行政许可",
    "行政处罚",
    "统计信息",
    "政策解读",
    "建议提案办理",
]
VALIDITY = ["有效", "有效", "有效", "失效", "废止"]

# Policy vocabulary, most common first (the Zipf head).
_TERMS = """
工作 管理 服务 建设 发展 安全 社区 政府信息公开 预算 企业 资金 项目 教育 疫情防控 低保
居民 城市 环境 改革 补贴 医疗 就业 住房 财政 卫生健康 安全生产 营商环境 拆迁 征收 补偿
养老 民生 公示 招标 采购 审批 监督 检查 专项 整治 消防 食品安全 文明 城市更新 老旧小区
改造 排水 防汛 医保 社保 公积金 特困人员 最低生活保障 残疾人 退役军人 优抚 救助 临时救助
困难群众 义务教育 学前教育 校外培训 招生 入学 学位 师资 社区卫生服务 家庭医生 疫苗接种
核酸检测 重点人群 健康码 复工复产 稳岗 就业创业 技能培训 人才引进 创业担保贷款 小微企业
减税降费 政府采购 绩效评价 决算 三公经费 审计 整改 巡察 政务服务 一网通办 一件事 帮办代办
行政许可 行政处罚 双随机一公开 信用 市场主体 个体工商户 价格 计量 特种设备 燃气 电动自行车
垃圾分类 河湖长制 大气污染 噪声 扬尘 绿化 停车 交通 道路 背街小巷 路灯 供水 供电 物业
业主委员会 房屋安全 危房 棚户区 安置房 保障性住房 公共租赁住房 不动产 土地储备 国有土地上房屋征收
集体土地 规划许可 建设用地 工程验收 质量安全 农民工工资 欠薪 劳动仲裁 工伤 失业保险 养老保险
医疗保险 生育保险 长期护理 社会组织 慈善 志愿服务 网格化 平安建设 矛盾纠纷 信访 法治政府
行政复议 规范性文件 合法性审查 公平竞争审查 政务公开 依申请公开 年度报告 人大代表建议 政协委员提案
"""
TERMS = _TERMS.split()

# Syllables for the long tail: names of places, projects and companies that occur
# in few entries each (the rare terms of search traffic).
SYLLABLES = list(
    "汉宝古长荣易韩崇额解放利济皇经仁义京广中山建设武胜竹叶江汉硚口宗关常码头园博"
    "丰田茂林泰安和平新华永宁兴隆金银河星光明东西南北湖桥岗湾塘坡岭"
)

TITLE_TEMPLATES = [
    "关于{a}{b}的通知",
    "关于印发《{agency_short}{a}{b}管理办法》的通知",
    "{agency}关于{a}{b}工作的公告",
    "{year}年{a}{b}工作要点",
    "{agency}{year}年{a}情况公示",
    "关于{tail}{a}项目{b}的公示",
    "关于做好{year}年{a}和{b}工作的通知",
    "{agency}{year}年部门{a}公开",
    "关于{tail}{b}的批复",
    "{a}{b}政策解读",
]
SENTENCES = [
    "为进一步加强{a}工作，根据《{law}》有关规定，结合我区实际，现就{b}有关事项通知如下。",
    "各街道、区直各部门要高度重视{a}，切实把{b}各项任务落到实处。",
    "{tail}{a}项目总投资{n}万元，预计{year}年底前完成{b}。",
    "{year}年全区共发放{a}资金{n}万元，惠及{m}户困难群众。",
    "申请人可通过政务服务网或到{tail}政务服务中心窗口办理{a}，咨询电话：{phone}。",
    "对{a}中发现的问题，责令限期整改，整改情况纳入{b}考核。",
    "本通知自发布之日起施行，原《{law}》同时废止。",
    "{tail}街区{a}改造涉及{m}户居民，{b}方案已经区政府常务会议审议通过。",
    "根据{docnum}文件精神，区{a}领导小组办公室对{b}进行了专项检查。",
    "如对本公示内容有异议，请于公示期内向{agency}反映。",
    "{a}和{b}是民生工作的重点，要坚持问题导向，完善长效机制。",
]
LAWS = [
    "中华人民共和国政府信息公开条例",
    "国有土地上房屋征收与补偿条例",
    "社会救助暂行办法",
    "中华人民共和国预算法",
    "湖北省最低生活保障工作规程",
    "武汉市城市更新条例",
    "中华人民共和国安全生产法",
    "优化营商环境条例",
    "中华人民共和国行政许可法",
]
ZIPF_EXPONENT = 1.07
TAIL_WORDS = 40_000


def _code(serial: int) -> str:
    """A fixed, well-formed-looking 18-character agency code (not checksum-relevant here)."""
    return f"11420104MB{serial:07d}X"


class Catalogue:
    """Deterministic generator; ``entries(n)`` yields the same n documents every time."""

    def __init__(self, seed: int = 20261127) -> None:
        self.seed = seed
        rng = random.Random(seed)
        tail = set()
        while len(tail) < TAIL_WORDS:
            tail.add("".join(rng.choices(SYLLABLES, k=rng.choice((2, 3, 3, 4)))))
        self.tail = sorted(tail)
        rng.shuffle(self.tail)
        self._term_cdf = self._cdf(len(TERMS))
        self._tail_cdf = self._cdf(len(self.tail))

    @staticmethod
    def _cdf(size: int) -> list[float]:
        weights = [1 / (rank**ZIPF_EXPONENT) for rank in range(1, size + 1)]
        return list(itertools.accumulate(weights))

    def _pick(self, rng: random.Random, words: list[str], cdf: list[float]) -> str:
        return words[bisect.bisect(cdf, rng.random() * cdf[-1])]

    def _fill(self, template: str, rng: random.Random, agency: str, published: date) -> str:
        return template.format(
            a=self._pick(rng, TERMS, self._term_cdf),
            b=self._pick(rng, TERMS, self._term_cdf),
            tail=self._pick(rng, self.tail, self._tail_cdf),
            agency=agency,
            agency_short=agency.removeprefix("武汉市硚口区"),
            year=published.year - rng.randrange(2),
            law=rng.choice(LAWS),
            docnum=f"{rng.choice(AGENCIES)[0]}〔{published.year - 1}〕{rng.randint(1, 60)}号",
            n=rng.randint(5, 9000),
            m=rng.randint(10, 3000),
            phone=f"027-8{rng.randint(1000000, 9999999)}",
        )

    def entries(self, count: int) -> Iterator[SearchDocument]:
        rng = random.Random(self.seed + count)
        numbers: dict[tuple[int, int], int] = {}
        start, span = date(2008, 1, 1), (date(2026, 11, 1) - date(2008, 1, 1)).days
        for serial in range(count):
            agency = rng.randrange(len(AGENCIES))
            short, name = AGENCIES[agency]
            # More recent years publish more (the catalogue grows over time).
            published = start + timedelta(days=int(span * rng.random() ** 0.7))
            key = (agency, published.year)
            numbers[key] = numbers.get(key, 0) + 1
            info_type = rng.choice(INFO_TYPES)
            has_number = info_type in {"政策文件", "通知公告", "规划计划"} and rng.random() < 0.7

            fill = functools.partial(self._fill, rng=rng, agency=name, published=published)
            body = "".join(fill(rng.choice(SENTENCES)) for _ in range(rng.randint(4, 16)))
            attachment = ""
            if rng.random() < 0.2:
                attachment = "附件：" + "".join(
                    fill(rng.choice(SENTENCES)) for _ in range(rng.randint(3, 12))
                )
            yield SearchDocument(
                id=str(serial + 1),
                index_number=f"{_code(agency + 1)}/{published.year}-{numbers[key]:05d}",
                document_number=(
                    f"{short}〔{published.year}〕{numbers[key]}号" if has_number else ""
                ),
                title=fill(rng.choice(TITLE_TEMPLATES)),
                body=body,
                attachment_text=attachment,
                agency_code=_code(agency + 1),
                agency_name=name,
                subject=rng.choice(SUBJECTS),
                info_type=info_type,
                validity=rng.choice(VALIDITY) if info_type == "政策文件" else "",
                published=published,
                url=f"/catalogue/{serial + 1}/",
            )


def write_jsonl(path: Path, count: int, seed: int) -> None:
    with path.open("wb") as handle:
        for doc in Catalogue(seed).entries(count):
            handle.write(doc.to_json() + b"\n")


def read_jsonl(path: Path) -> Iterator[SearchDocument]:
    with path.open("rb") as handle:
        for line in handle:
            yield SearchDocument.from_json(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20261127)
    parser.add_argument("--output", type=Path, required=True)
    args = parser.parse_args()
    write_jsonl(args.output, args.entries, args.seed)


if __name__ == "__main__":
    main()
