"""Write tests/data/shenzhen-ip-2013.html from raw/shenzhen-ip-2013.txt.

The page is the seed paper as a Chinese government CMS (TRS WCM style) serves
it: GBK bytes declared as gb2312, a site header with logo and menus, a
breadcrumb of links, a title div, the 来源/日期/字号/颜色 line, every seed line
as a <p> inside <div class="TRS_Editor"> (indented with &nbsp; or U+3000), a
相关附件 block, a share bar, a print/close line, a footer and trailing scripts.
Characters GBK cannot encode go in as numeric character references.

Run from the repository root: .venv/bin/python tests/data/make_html_fixture.py
"""

from __future__ import annotations

import html
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "raw" / "shenzhen-ip-2013.txt"
OUT = ROOT / "tests" / "data" / "shenzhen-ip-2013.html"

HEAD = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<meta http-equiv="X-UA-Compatible" content="IE=EmulateIE7" />
<title>深圳市2013年知识产权发展状况白皮书_深圳市市场和质量监督管理委员会</title>
<link href="/images/szmqs_style.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="/js/jquery-1.7.2.min.js"></script>
<script type="text/javascript">
function doZoom(size) { document.getElementById('zoom').style.fontSize = size + 'px'; }
function setColor(color) { document.getElementById('zoom').style.color = color; }
</script>
<style type="text/css">
.nav li { float: left; } .footer { text-align: center; }
</style>
</head>
<body>
<div class="top">
  <div class="logo"><a href="/"><img src="/images/logo.gif" alt="深圳市市场和质量监督管理委员会" /></a></div>
  <div class="top_r"><a href="/">网站首页</a> | <a href="/en/">English</a> | <a href="/big5/">繁体版</a> | <a href="javascript:void(0)" onclick="addFavorite()">加入收藏</a></div>
</div>
<div class="nav">
  <ul>
    <li><a href="/">首页</a></li>
    <li><a href="/zwgk/">政务公开</a></li>
    <li><a href="/bsfw/">办事服务</a></li>
    <li><a href="/hdjl/">互动交流</a></li>
    <li><a href="/zscq/">知识产权工作</a></li>
    <li><a href="/zlxz/">资料下载</a></li>
  </ul>
</div>
<nav><a href="/zscq/cz/">知识产权创造</a> <a href="/zscq/yy/">知识产权运用</a> <a href="/zscq/bh/">知识产权保护</a></nav>
<div class="main">
<div class="crumb">当前位置:<a href="/">首页</a>&raquo;&nbsp;<a href="/zscq/">知识产权工作</a>&raquo;&nbsp;<a href="/zscq/bh/">知识产权保护</a>&raquo;&nbsp;<a href="/zscq/bh/bps/">深圳市知识产权白皮书</a></div>
<div class="article_con">
"""

TAIL = """</div>
</div>
<div class="fujian">相关附件<ul><li><a href="/zscq/bh/bps/201406/P020140610528123456789.doc">深圳市2013年知识产权发展状况白皮书.doc</a></li></ul></div>
<div class="bdsharebuttonbox">分享到:<a href="#" class="bds_tsina">新浪微博</a><a href="#" class="bds_weixin">微信</a></div>
<div class="pr">【<a href="javascript:window.print()">打印</a>】【<a href="javascript:window.close()">关闭</a>】</div>
</div>
</div>
<div class="footer">
  <p><a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a> | <a href="/wzsm/">网站声明</a></p>
  <p>版权所有:深圳市市场和质量监督管理委员会&nbsp;&nbsp;粤ICP备05045677号</p>
  <p>地址:深圳市福田区深南大道7010号&nbsp;&nbsp;邮编:518040</p>
</div>
<script type="text/javascript">
var _hmt = _hmt || [];
(function() { var hm = document.createElement("script"); hm.src = "//hm.example/hm.js"; document.body.appendChild(hm); })();
</script>
</body>
</html>
"""


def article(lines: list[str]) -> str:
    """The chrome lines of the seed become divs, every other line a <p> of the TRS editor."""
    breadcrumb, blank1, title, blank2, info, *body = lines
    assert breadcrumb.startswith("当前位置") and info.startswith("来源") and not (blank1 or blank2)
    assert body[-1] == "相关附件"
    body = body[:-1]
    source, date = "深圳市市场和质量监督管理委员会", "2014-06-10 00:00"
    out = [
        f'<div class="title">{html.escape(title)}</div>',
        f'<div class="info">来源:{source}&nbsp;&nbsp;&nbsp;日期:{date}&nbsp;&nbsp;&nbsp;字号:'
        '<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> '
        '<a href="javascript:doZoom(12)">小</a>&nbsp;&nbsp;颜色:'
        '<select onchange="setColor(this.value)"><option value="#000">默认</option>'
        '<option value="#00f">蓝色</option></select></div>',
        '<div class="content" id="zoom"><div class="TRS_Editor">'
        '<style type="text/css">.TRS_Editor P{margin-top:5px;margin-bottom:5px;line-height:1.8;}</style>',
    ]
    for number, line in enumerate(body):
        if not line:
            continue
        text = html.escape(line.strip(), quote=False)
        indent = "&nbsp;&nbsp;" if number % 2 else "\u3000\u3000"
        out.append(f"<p>{indent}{text}</p>")
    out.append("</div>")
    return "\n".join(out) + "\n"


def main() -> None:
    """Write the fixture; the seed's characters outside GBK become &#NNN; references."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    page = HEAD + article(lines) + TAIL
    OUT.write_bytes(page.encode("gbk", errors="xmlcharrefreplace"))


if __name__ == "__main__":
    main()
