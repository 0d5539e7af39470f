"""Demo text: synthetic petitions (kiến nghị) in incoming documents (văn bản đến) for demos and
search benchmarks: Zipf-like word frequencies, symbols such as ``61/2018/NĐ-CP``, and origins that
existed on the received date (63 provinces before 1 July 2025, 34 after). No database, no Qt.
"""

from __future__ import annotations

import json
import random
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "resources" / "reference"


@dataclass(frozen=True)
class DemoPetition:
    """Kiến nghị: one synthetic petition."""

    origin: str
    field_code: str
    content: str
    summary: str


@dataclass(frozen=True)
class DemoDocument:
    """Văn bản đến: one synthetic incoming document carrying 1–12 petitions."""

    received_on: date
    sender: str
    sender_ref: str
    sender_date: date
    summary: str
    reply_by: date | None
    petitions: tuple[DemoPetition, ...]


@dataclass(frozen=True)
class DemoLocality:
    """Tỉnh, thành phố: a province-level unit and the days it existed (None: open)."""

    name: str
    kind: str
    valid_from: date | None
    valid_to: date | None


def load_reference(folder: Path = REFERENCE_DIR) -> dict[str, Any]:
    """The reference lists read from ``folder``: {"localities": [...], "fields": [...], ...}."""
    names = ("localities", "fields", "units")
    return {n: json.loads((folder / f"{n}.json").read_text(encoding="utf-8")) for n in names}


class _Pool:
    """Items drawn with Zipf-like weights 1/rank**s: the first items are the common ones."""

    def __init__(self, items: Sequence[str], s: float = 1.0) -> None:
        self.items = tuple(items)
        self.cum = [sum(rank**-s for rank in range(1, i + 2)) for i in range(len(self.items))]
        self.total = self.cum[-1]
        self.cum[-1] = float("inf")  # float rounding must never step past the last item

    def pick(self, rng: random.Random) -> str:
        return self.items[bisect_right(self.cum, rng.random() * self.total)]


# "@NAME s[ words]: items": a list in frequency order drawn with Zipf exponent s, split on ";" (on
# spaces with "words"). Field topics ("@T.<code>"): {s} a sector, {x} a technology. SENDERS:
# kind|sender|ref symbols|summaries split on "#"; {w} home locality, {m}/{o} organisation/symbol,
# {t}/{f} first topic/field, {k}/{q} session/term of the Quốc hội, {u} a ministry unit.
_VOCABULARY = """
@T.UDCNTT 0.8: dịch vụ công trực tuyến toàn trình; trục tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP);
giá trị phần mềm; cơ sở dữ liệu {s}; kết nối, chia sẻ dữ liệu {s}; chi phí thuê dịch vụ công nghệ
thông tin; hệ thống thông tin giải quyết thủ tục hành chính cấp tỉnh; trục tích hợp quốc gia; Cổng
dịch vụ công quốc gia; hệ thống quản lý văn bản và điều hành; Nền tảng tích hợp, chia sẻ dữ liệu
quốc gia (NDXP); khung mẫu chính quyền điện tử cấp tỉnh; Khung kiến trúc Chính phủ điện tử phiên
bản 3.0; thẩm định dự án ứng dụng công nghệ thông tin; kho dữ liệu dùng chung; ISO điện tử
@T.CDS 0.8: chuyển đổi số; chuyển đổi số trong lĩnh vực {s}; định danh và xác thực điện tử; Đề án
06; ứng dụng {x} trong lĩnh vực {s}; tổ công nghệ số cộng đồng; nền tảng số dùng chung; ứng dụng
VNeID; dữ liệu mở; đô thị thông minh; Trung tâm giám sát, điều hành đô thị thông minh (IOC); chỉ số
đánh giá chuyển đổi số (DTI); nhân lực chuyển đổi số; số hóa dữ liệu {s}; nền tảng {x}
@T.VT 0.8: hạ tầng viễn thông; phủ sóng 4G/5G; hạ tầng viễn thông thụ động; vùng lõm sóng; tắt sóng
2G; sim rác; tin nhắn rác, cuộc gọi rác; cáp quang đến thôn, bản; dùng chung cơ sở hạ tầng kỹ thuật
viễn thông; trạm thu phát sóng di động (BTS); ngầm hóa cáp viễn thông; Quỹ Dịch vụ viễn thông công
ích; điện thoại thông minh giá rẻ; Mobile Money; giá thuê cột điện để treo cáp viễn thông; quy
hoạch hạ tầng thông tin và truyền thông; chất lượng dịch vụ viễn thông
@T.BC 0.8: mã bưu chính quốc gia; dịch vụ bưu chính công ích; tiếp nhận hồ sơ, trả kết quả giải
quyết thủ tục hành chính qua dịch vụ bưu chính công ích; bản đồ số V-Map; địa chỉ số; điểm Bưu điện
- Văn hóa xã; chuyển giao một số dịch vụ hành chính công cho doanh nghiệp bưu chính; chuyển phát
thương mại điện tử; phát hành báo chí công ích
@T.ATTT 0.8: an toàn hệ thống thông tin theo cấp độ; hồ sơ đề xuất cấp độ an toàn hệ thống thông
tin; lừa đảo trực tuyến; Trung tâm giám sát, điều hành an toàn, an ninh mạng (SOC); mô hình bảo vệ
4 lớp; mã độc tống tiền (ransomware); diễn tập thực chiến an toàn thông tin; đội ứng cứu sự cố an
toàn thông tin mạng; lỗ hổng bảo mật; cảnh báo tên miền giả mạo
@T.BCHI 0.8: quy hoạch phát triển và quản lý báo chí; bản quyền báo chí; tự chủ tài chính của cơ
quan báo chí; chuyển đổi số báo chí; đặt hàng báo chí; hiện tượng báo hóa tạp chí; thẻ nhà báo;
thông tin sai sự thật
@T.TCDT 0.8: nguồn vốn sự nghiệp cho công nghệ thông tin; nguồn vốn ngân sách nhà nước; định mức
kinh tế - kỹ thuật; dự toán kinh phí; kế hoạch đầu tư công trung hạn; phân bổ vốn cho {s}
@T.PTTH 0.8: định mức, đơn giá sản xuất chương trình phát thanh, truyền hình; Hệ thống định lượng
đo lường khán giả (rating); nền tảng xuyên biên giới; mạng xã hội; trang thông tin điện tử tổng
hợp; truyền hình trả tiền; thông tin xấu độc trên không gian mạng; trò chơi điện tử trên mạng
@T.TCCB 0.8: biên chế công chức; vị trí việc làm; tổ chức bộ máy Sở Thông tin và Truyền thông; cơ
quan chuyên trách về công nghệ thông tin; phụ cấp cho cán bộ chuyên trách công nghệ thông tin
@T.CKS 0.8: chữ ký số; chữ ký số chuyên dùng công vụ; chữ ký số công cộng; chữ ký số từ xa; dịch vụ
chứng thực chữ ký số; chứng thư số; giao dịch điện tử; hợp đồng điện tử
@T.TTCS 0.8: hệ thống đài truyền thanh cấp xã; đài truyền thanh ứng dụng công nghệ thông tin - viễn
thông; bảng tin điện tử công cộng; Hệ thống thông tin nguồn trung ương; cụm loa không dây
@T.CNTT 0.8: khu công nghệ thông tin tập trung; doanh nghiệp công nghệ số; chuỗi Công viên phần mềm
Quang Trung; sản phẩm công nghệ số make in Vietnam; công nghiệp phần mềm; tên miền .vn; IPv6
@T.KTS 0.8: kinh tế số; thương mại điện tử; xã hội số; thanh toán không dùng tiền mặt; kỹ năng số
cho người dân; hộ kinh doanh lên sàn thương mại điện tử; tỷ trọng kinh tế số trong GRDP
@T.ICT 0.8: công nghiệp điện tử - viễn thông; thiết bị 5G; vi mạch bán dẫn; smartphone giá rẻ
@T.XB 0.8: định mức kinh tế - kỹ thuật trong hoạt động xuất bản; xuất bản điện tử; sách giả, sách
in lậu; phát hành xuất bản phẩm; văn hóa đọc; thư viện số
@T.TTDN 0.8: thông tin đối ngoại; quảng bá hình ảnh quốc gia; thông tin về chủ quyền biển, đảo
@T.TS 0.8: băng tần 5G; can nhiễu vô tuyến điện; giấy phép sử dụng tần số; đấu giá tần số
@T.KHAC 0.8: chế độ báo cáo thống kê; quy chế phối hợp; văn bản quy phạm pháp luật; khiếu nại
@SECTORS 1: đất đai; dân cư; hộ tịch; y tế; giáo dục; bảo hiểm xã hội; doanh nghiệp; nông nghiệp;
tài nguyên và môi trường; giao thông; du lịch; thuế; văn hóa; lao động, việc làm; tư pháp; xây
dựng; công thương; ngân hàng; hải quan; thủy sản; quy hoạch đô thị; phòng, chống thiên tai
@TECH 1: trí tuệ nhân tạo (AI); Internet vạn vật (IoT); điện toán đám mây; dữ liệu lớn; chuỗi khối
(blockchain); chatbot; eKYC; mã QR; GIS; camera AI; drone; API; OTP; Zalo OA; LoRaWAN; RFID
@OPENERS 1: Đề nghị Bộ TTTT; Đề nghị Bộ Thông tin và Truyền thông; Kiến nghị Chính phủ chỉ đạo Bộ
Thông tin và Truyền thông; Đề nghị Chính phủ chỉ đạo Bộ TTTT; Đề nghị Bộ TT&TT; Cử tri đề nghị Bộ
Thông tin và Truyền thông; Kiến nghị Thủ tướng Chính phủ, Bộ TTTT; Đề nghị Bộ TTTT chỉ đạo {u}
@ACTIONS 1: sớm ban hành văn bản hướng dẫn về; hướng dẫn cụ thể về; xem xét, hỗ trợ; sửa đổi, bổ
sung quy định về; hoàn thiện; tháo gỡ vướng mắc trong; bố trí kinh phí cho; nghiên cứu, ban hành;
đẩy nhanh tiến độ triển khai; có cơ chế, chính sách hỗ trợ; tăng cường; đẩy mạnh; xây dựng; ban
hành định mức, đơn giá đối với; cho phép thí điểm; tổ chức tập huấn về; ưu tiên đầu tư; rà soát,
đánh giá; chỉ đạo các doanh nghiệp đẩy nhanh; làm rõ; phân cấp cho địa phương về; ban hành Thông tư
quy định về; trình Chính phủ ban hành Nghị định về
@PURPOSES 1: để tạo thuận lợi cho người dân, doanh nghiệp; để địa phương có cơ sở triển khai thực
hiện; nhằm nâng cao hiệu quả quản lý nhà nước; bảo đảm đúng quy định của pháp luật; phù hợp với
điều kiện thực tế của địa phương; tránh đầu tư trùng lặp, lãng phí; đáp ứng yêu cầu chuyển đổi số
@CAUSES 1: do chưa có hướng dẫn cụ thể; do thiếu kinh phí; do quy định chưa thống nhất giữa các bộ,
ngành; do hạ tầng chưa đồng bộ; do nhân lực còn hạn chế; do chưa có định mức, đơn giá; do các hệ
thống chưa được kết nối, liên thông; do địa hình chia cắt, dân cư thưa thớt
@SITUATIONS 1: Hiện nay, {t} còn gặp nhiều khó khăn, vướng mắc {c}.; Qua triển khai thực tế, {t}
chưa đáp ứng yêu cầu {c}.; Theo phản ánh của cử tri, {t} còn nhiều hạn chế {c}.; Việc triển khai
{t} theo {r} còn lúng túng {c}.; Đến nay, {t} vẫn chưa được triển khai đồng bộ {c}.
@MORE 1: Đồng thời, đề nghị; Bên cạnh đó, đề nghị; Ngoài ra, kiến nghị; Đề nghị; Mặt khác, đề nghị
@RATES 1: hồ sơ trực tuyến toàn trình; thôn, bản có sóng 4G; hộ gia đình có cáp quang; người dân có
danh tính số; người trưởng thành có điện thoại thông minh; văn bản được ký số
@REFS 1: Nghị định số 61/2018/NĐ-CP; Nghị định số 73/2019/NĐ-CP; Quyết định số 749/QĐ-TTg; Nghị
định số 85/2016/NĐ-CP; Quyết định số 06/QĐ-TTg; Nghị định số 47/2020/NĐ-CP; Quyết định số
942/QĐ-TTg; Luật Viễn thông năm 2023; Luật Giao dịch điện tử năm 2023; Nghị định số 130/2018/NĐ-CP;
Thông tư số 12/2022/TT-BTTTT; Nghị định số 13/2023/NĐ-CP; Luật An toàn thông tin mạng năm 2015;
Nghị định số 154/2013/NĐ-CP; Nghị quyết số 57-NQ/TW; Luật Báo chí năm 2016
@REF_FORMS 1: Công văn số {n}/BTTTT-{c} ngày {d}; Nghị định số {n}/{y}/NĐ-CP; Quyết định số
{n}/QĐ-TTg ngày {d}; Thông tư số {n}/{y}/TT-BTTTT; Quyết định số {n}/QĐ-BTTTT ngày {d}; Nghị quyết
số {n}/NQ-CP ngày {d}; Kế hoạch số {n}/KH-UBND ngày {d}; Chỉ thị số {n}/CT-TTg ngày {d}
@BUSINESSES 1: Tập đoàn Công nghiệp - Viễn thông Quân đội (Viettel)=CNVTQĐ; Tập đoàn Bưu chính Viễn
thông Việt Nam (VNPT)=VNPT; Tổng công ty Viễn thông MobiFone=MOBIFONE; Tổng công ty Bưu điện Việt
Nam (VNPost)=BĐVN; Công ty Cổ phần FPT=FPT; Tập đoàn Công nghệ CMC=CMC; Công ty Cổ phần VNG=VNG
@MINISTRIES 0.5: Bộ Tài chính=BTC=Cục Tin học và Thống kê tài chính; Bộ Y tế=BYT=Cục Công nghệ
thông tin; Bộ Tư pháp=BTP=Cục Công nghệ thông tin; Bộ Nội vụ=BNV=Trung tâm Thông tin
@ASSOCIATIONS 1: Hiệp hội Phần mềm và Dịch vụ công nghệ thông tin Việt Nam (VINASA)=VINASA; Hiệp
hội Internet Việt Nam=VIA; Hiệp hội An toàn thông tin Việt Nam=VNISA; Hội Nhà báo Việt Nam=HNBVN
@SENDERS 0: vpcp|Văn phòng Chính phủ|VPCP-QHĐP VPCP-QHĐP VPCP-KSTT VPCP-KGVX|V/v kiến nghị của địa
phương tại Hội nghị trực tuyến Chính phủ với các địa phương#V/v kiến nghị về {t}; bdn|Ban Dân
nguyện - Ủy ban Thường vụ Quốc hội|BDN|V/v chuyển kiến nghị của cử tri gửi tới Kỳ họp thứ {k}, Quốc
hội khóa {q}; ubnd|UBND {w}|UBND-VX UBND-KGVX UBND-KT|V/v đề nghị hỗ trợ, tháo gỡ vướng mắc về {t};
so|Sở {m} {w}|{o}-BCVT {o}-CNTT|V/v kiến nghị, đề xuất trong lĩnh vực {f}; dbqh|Đoàn đại biểu Quốc
hội {w}|ĐĐBQH-VP|V/v trả lời kiến nghị của cử tri {w}; hh|{m}|{o}|V/v kiến nghị tháo gỡ khó khăn
cho doanh nghiệp về {f}; dn|{m}|{o}-PC {o}-KHĐT|V/v đề xuất liên quan đến {t}; bo|{m}|{o}-CNTT|V/v
đề nghị hướng dẫn về {t}
@SMALL 0 words: ubnd ubnd ubnd ubnd so so so vpcp vpcp dbqh bdn hh dn bo
@LARGE 0 words: vpcp vpcp vpcp vpcp bdn bdn bdn ubnd dbqh hh
@FAMILY 1.1 words: Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Lò Vi
@MIDDLE 1 words: Văn Đức Minh Hữu Quang Thanh Công Xuân Ngọc Đình Trọng Tiến Bá Thị Thu Hồng
@GIVEN 0.7 words: Hùng Dũng Tuấn Lan Nam Hoa Long Hương Hải Sơn Hằng Thắng Cường Nga Trung Hiếu Mai
Phong Khoa Linh Quân Đạt Trang Vinh Toàn Thảo Thành Bảo Yến Duy Dung Tùng Lộc Hạnh Tài Phúc Loan
@SYLLABLES 0.7 words: Tân Phú An Hòa Long Vĩnh Thạnh Đông Tây Xuân Hưng Quang Đại Hiệp Mỹ Phước
Thuận Trung Nghĩa Cẩm Kim Thanh Hồng Yên Lộc Đức Lợi Thành Sơn Lâm Hải Tiến Phong Thắng Khánh Điền
Thủy Lương Quý Vinh Thịnh Bình Ea Mường Nà Pá Phìn Sủng Khuổi Chiềng Noong Huổi Lũng Cốc Pác Tà Xín
Mần Lao Chải Sín Nậm Hua Púng Tủa Sìn Kheo Lừ Mé Lìn Pả Thèn Dền Séo Khun Ngam Tòng Bó Cọn Đắk Ia
Krông Buôn Chư Lăk Mơ Rông Hra Klơ Glar Dơk Bờ Tơ Bồng Gio Cam Triệu Hương Quế Duy Xuyên Thăng Kỳ
Núi Vân Canh Tuy Hoài Cát Tiên Đơn Dương Di Linh Bảo Giuộc Đước Lức Cái Bè Chợ Gạo Mỏ Cày Giồng
Trôm Tri Cầu Kè Tiểu Cần Duyên Kế Sách Phụng Ô Môn Thốt Nốt Cờ Đỏ Tôn Tịnh Biên Châu Hòn Đất Riềng
Gò Quao Thới Căn Hiển Đầm Dơi Mộ Phổ Sa Khê Hiền Lạc Dục Hoằng Quỳnh Diễn Nghi Xá Đô Bôi Ngạn Mê
"""


def _parse(text: str) -> dict[str, _Pool]:
    pools = {}
    for block in unicodedata.normalize("NFC", text).split("\n@")[1:]:
        header, _, body = block.partition(":")
        name, s, *words = header.split()
        items = body.split() if words else [" ".join(item.split()) for item in body.split(";")]
        pools[name] = _Pool(items, float(s))
    return pools


_V = _parse(_VOCABULARY)
_SENDERS = {kind: rest for kind, *rest in (item.split("|") for item in _V["SENDERS"].items)}
_PETITIONS = _Pool([str(n) for n in range(1, 13)], 1.3)  # per document: 42% one, 17% two…
_SENTENCES = _Pool([str(n) for n in range(1, 7)], 0.8)  # per petition


class _Generator:
    """One random stream plus the reference data; localities cached per validity period."""

    def __init__(self, ref: dict[str, Any], seed: int) -> None:
        self.rng = random.Random(seed)
        self.localities = [
            DemoLocality(
                row["name"],
                row["kind"],
                *(row[k] and date.fromisoformat(row[k]) for k in ("valid_from", "valid_to")),
            )
            for row in ref["localities"]
        ]
        self.names = frozenset(loc.name for loc in self.localities)
        edges = {loc.valid_from for loc in self.localities if loc.valid_from}
        edges |= {loc.valid_to + timedelta(days=1) for loc in self.localities if loc.valid_to}
        self.edges = sorted(edges)
        self.periods: dict[int, tuple[DemoLocality, ...]] = {}
        self.unit_codes = _Pool([unit["code"] for unit in ref["units"]], 0.8)
        self.unit_names = _Pool(
            [u["name"] for u in ref["units"] if u["name"][:3] in ("Cục", "Vụ ")]
        )
        self.field_names = {field["code"]: field["name"] for field in ref["fields"]}
        order = [name[2:] for name in _V if name[2:] in self.field_names]
        order += [code for code in self.field_names if code not in order]
        self.fields = _Pool(order, 0.9)
        self.topics = {code: _V.get(f"T.{code}", _V["T.KHAC"]) for code in order}

    def valid_at(self, day: date) -> tuple[DemoLocality, ...]:
        key = bisect_right(self.edges, day)
        if key not in self.periods:
            ok = [loc for loc in self.localities if (loc.valid_from or day) <= day]
            self.periods[key] = tuple(loc for loc in ok if day <= (loc.valid_to or day))
        return self.periods[key]

    def ref(self, day: date) -> str:
        """A legal reference: a well-known one, or a numbered one (log-uniform: Zipf-like)."""
        rng = self.rng
        if rng.random() < 0.35:
            return _V["REFS"].pick(rng)
        when = date.fromordinal(day.toordinal() - 20 - int(rng.random() * 1500))
        n, d = int(10 ** (rng.random() * 4)), f"{when.day:02d}/{when.month:02d}/{when.year}"
        return _V["REF_FORMS"].pick(rng).format(n=n, y=when.year, d=d, c=self.unit_codes.pick(rng))

    def topic(self, field: str) -> str:
        rng = self.rng
        text = self.topics[field].pick(rng)
        if "{" in text:
            text = text.replace("{s}", _V["SECTORS"].pick(rng)).replace("{x}", _V["TECH"].pick(rng))
        return text

    def place(self) -> str:
        """A commune, village or district name (never a province name)."""
        first, second = _V["SYLLABLES"].pick(self.rng), _V["SYLLABLES"].pick(self.rng)
        name = f"{first} {second}"
        return "Tân Lập" if first == second or name in self.names else name

    def citizen(self, loc: DemoLocality, day: date) -> str:
        rng = self.rng
        middle = _V["MIDDLE"].pick(rng)
        title = "Bà" if middle in ("Thị", "Thu", "Hồng") or rng.random() < 0.2 else "Ông"
        name = f"{_V['FAMILY'].pick(rng)} {middle} {_V['GIVEN'].pick(rng)}"
        area = "xã" if rng.random() < 0.7 else "phường"
        # Districts (huyện) were abolished on 1 July 2025.
        district = f", huyện {self.place()}" if day < date(2025, 7, 1) else ""
        return f"{title} {name}, {area} {self.place()}{district}, {loc.kind} {loc.name}"

    def sentence(self, field: str, day: date) -> str:
        """A follow-up sentence: another request, a figure, a place or a difficulty."""
        rng = self.rng
        x = rng.random()
        if x < 0.45:
            other = self.topic(field if x < 0.3 else self.fields.pick(rng))
            return f"{_V['MORE'].pick(rng)} {_V['ACTIONS'].pick(rng)} {other}."
        if x < 0.6:
            return f"Đến nay, tỷ lệ {_V['RATES'].pick(rng)} mới đạt {5 + int(rng.random() * 90)}%."
        if x < 0.8:
            where = f"thôn {self.place()}, xã {self.place()}"
            if x < 0.7:
                return f"Hiện nay, tại {where} chưa có {self.topic(field)}."
            cause = _V["CAUSES"].pick(rng)
            return f"Cử tri {where} phản ánh việc triển khai {self.topic(field)} còn chậm {cause}."
        situation = _V["SITUATIONS"].pick(rng)
        return situation.format(t=self.topic(field), c=_V["CAUSES"].pick(rng), r=self.ref(day))

    def petition(self, origin: str, place: str | None, day: date) -> tuple[DemoPetition, str]:
        """One petition, and its main topic."""
        rng = self.rng
        r = rng.random
        field = self.fields.pick(rng)
        topic, action, n = self.topic(field), _V["ACTIONS"].pick(rng), int(_SENTENCES.pick(rng))
        opener = _V["OPENERS"].pick(rng)
        if "{" in opener:
            opener = opener.replace("{u}", self.unit_names.pick(rng))
        if place and place.endswith(origin) and r() < 0.25:  # the locality itself
            opener = f"UBND {place} kiến nghị Chính phủ chỉ đạo Bộ Thông tin & Truyền thông"
        tail = f" theo quy định tại {self.ref(day)}" if r() < 0.45 else ""
        tail += f" {_V['PURPOSES'].pick(rng)}" if r() < 0.5 else ""
        if n >= 2 and r() < 0.25:  # the "+" sub-points of the seed tables
            head = f"{opener}: {action[:1].upper()}{action[1:]} {topic}{tail}."
            subs = (f"{_V['ACTIONS'].pick(rng)} {self.topic(field)}" for _ in range(n - 1))
            content = head + "".join(f"\n+ {s[:1].upper()}{s[1:]}." for s in subs)
        else:
            parts = []
            if n >= 2 and r() < 0.3:
                situation, n = _V["SITUATIONS"].pick(rng), n - 1
                parts.append(situation.format(t=topic, c=_V["CAUSES"].pick(rng), r=self.ref(day)))
            if place and r() < 0.15:
                parts.append(f"{opener} xem xét, hỗ trợ {place} trong việc triển khai {topic}.")
            else:
                parts.append(f"{opener} {action} {topic}{tail}.")
            parts.extend(self.sentence(field, day) for _ in range(n - 1))
            content = " ".join(parts)
        summary = f"Đề nghị {action} {topic}"
        if len(summary) > 120:
            summary = summary[:119].rsplit(" ", 1)[0] + "…"
        return DemoPetition(origin, field, content, summary), topic

    def origin(self, kind: str, home: DemoLocality, day: date) -> tuple[str, str | None]:
        """Who raised one petition, and the locality its text may name (None: none)."""
        rng = self.rng
        x = rng.random()
        loc = rng.choice(self.valid_at(day)) if kind in ("vpcp", "bdn") else home
        place = f"{loc.kind} {loc.name}"
        if kind == "hh":
            return _V["ASSOCIATIONS" if x < 0.3 else "BUSINESSES"].pick(rng).split("=")[0], None
        if x < 0.12:
            return self.citizen(loc, day), None
        if kind == "bdn" or (kind == "dbqh" and x < 0.85) or (kind == "ubnd" and x > 0.9):
            return f"Cử tri {place}", place
        if (kind == "vpcp" and x > 0.92) or (kind == "so" and x > 0.8):
            if x > 0.96:
                return f"{rng.choice(('Viettel', 'VNPT', 'MobiFone'))} {loc.name}", None
            return _V["BUSINESSES"].pick(rng).split("=")[0], None
        return loc.name, place

    def document(self, day: date, count: int) -> DemoDocument:
        """One incoming document received on ``day`` carrying ``count`` petitions."""
        rng = self.rng
        kind = _V["LARGE" if count >= 4 else "SMALL"].pick(rng)
        home = rng.choice(self.valid_at(day))
        v = {"w": f"{home.kind} {home.name}", "m": "", "o": "", "k": "", "q": ""}
        fixed = ""  # the origin of every petition of a business or a ministry
        if kind == "so":
            merged = day >= date(2025, 3, 1)  # Sở TT&TT merged into Sở KH&CN
            v["m"] = "Khoa học và Công nghệ" if merged else "Thông tin và Truyền thông"
            v["o"] = "SKHCN" if merged else "STTTT"
        elif kind in ("hh", "dn", "bo"):
            pool = {"hh": "ASSOCIATIONS", "dn": "BUSINESSES", "bo": "MINISTRIES"}[kind]
            v["m"], v["o"], *it_unit = _V[pool].pick(rng).split("=")
            fixed = "" if kind == "hh" else " - ".join([*it_unit, v["m"]])
        elif kind == "bdn":
            old = day < date(2021, 7, 20)
            v["q"] = "XIV" if old else "XV"
            v["k"] = str(rng.randint(7, 11) if old else rng.randint(1, 10))
        whos = [(fixed, None) if fixed else self.origin(kind, home, day) for _ in range(count)]
        made = [self.petition(*who, day) for who in whos]
        petitions = tuple(petition for petition, _ in made)
        v["t"], v["f"] = made[0][1], self.field_names[petitions[0].field_code].lower()
        sender, symbols, summaries = _SENDERS[kind]
        scale = {"vpcp": 30, "ubnd": 15, "dn": 20, "bo": 10}.get(kind, 3)
        number = max(1, int(day.timetuple().tm_yday * (0.5 + rng.random()) * scale))
        sent = day - timedelta(days=1 + int(rng.random() * 7))
        sent -= timedelta(days=max(0, sent.weekday() - 4))  # signed on a working day
        asked = rng.random() < (0.75 if kind in ("vpcp", "bdn", "dbqh") else 0.3)
        reply_by = day + timedelta(days=12 + int(rng.random() * 34)) if asked else None
        ref = f"{number}/{rng.choice(symbols.split()).format(**v)}"
        summary = rng.choice(summaries.split("#")).format(**v)
        return DemoDocument(day, sender.format(**v), ref, sent, summary, reply_by, petitions)


def generate_documents(
    count_petitions: int,
    *,
    seed: int = 0,
    start: date = date(2019, 1, 1),
    end: date = date(2026, 11, 20),
) -> Iterator[DemoDocument]:
    """Yield documents in received_on order until exactly count_petitions petitions were yielded."""
    if end < start:
        raise ValueError("end is before start")
    gen = _Generator(load_reference(), seed)
    counts: list[int] = []
    remaining = count_petitions
    while remaining > 0:
        counts.append(min(int(_PETITIONS.pick(gen.rng)), remaining))
        remaining -= counts[-1]
    # Documents arrive on working days (on any day if the range holds no weekday).
    days = range(start.toordinal(), end.toordinal() + 1)
    workdays = [o for o in days if date.fromordinal(o).weekday() < 5] or list(days)
    received = sorted(gen.rng.choice(workdays) for _ in counts)
    for ordinal, count in zip(received, counts, strict=True):
        yield gen.document(date.fromordinal(ordinal), count)
