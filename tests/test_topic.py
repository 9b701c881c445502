"""Topic evidence: a run of paragraphs reads like the article that repeats its words."""

from ocrfix.topic import Topic

PAGE = ["市教育局召开义务教育推进会，部署学校建设和教师队伍建设。",
        "各县区要加强教师队伍建设，推进学校建设，提升课堂教学质量。",
        "农技人员深入麦田，指导农户给返青的小麦浇水施肥。",
        "农业部门加强小麦病虫害监测，组织植保无人机统防统治。",
        "会议强调，要坚持问题导向，推动工作落实。"]


def test_run_reads_like_the_region_that_repeats_its_rare_words():
    topic = Topic(PAGE)
    assert topic.llr([3], home=[0, 1], other=[2]) > 0.3
    assert topic.llr([1], home=[2, 3], other=[0]) > 0.5


def test_ratio_is_antisymmetric_in_home_and_other():
    topic = Topic(PAGE)
    forward = topic.llr([3], home=[0, 1], other=[2])
    assert abs(forward + topic.llr([3], home=[2], other=[0, 1])) < 1e-9


def test_common_words_give_little_evidence_either_way():
    topic = Topic(PAGE)
    assert abs(topic.llr([4], home=[0, 1], other=[2, 3])) < 0.5


def test_a_run_without_chinese_words_gives_no_evidence():
    topic = Topic(PAGE + ["2023 ABC"])
    assert topic.llr([5], home=[0], other=[2]) == 0.0
