"""Name pools for synthetic people, by origin, and the spellings and short forms each origin allows.

Plain Python: no Django. Every name here is a common given name or family name, or a spelling of
one; full names are drawn at random, never copied from a real person. ``FAMOUS_NAMES`` lists
pairings that happen to name someone well known, so the generator can draw again.

Pools are ordered most common first where the order matters (``FAMILY_SKEW``: Vietnamese and
Chinese family names are concentrated in a few, Nguyễn alone being about four in ten). Names are
written as the person would write them (diacritics kept); ``variants`` decides how a force spells
them. Polish and Lithuanian family names are stored in the masculine form (``family_name_forms``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache


class Origin(StrEnum):
    """A naming tradition: which pool a person's names come from and how they vary."""

    ALBANIAN = "albanian"
    VIETNAMESE = "vietnamese"
    ROMANIAN = "romanian"
    POLISH = "polish"
    NIGERIAN = "nigerian"
    CHINESE = "chinese"
    ARABIC = "arabic"
    BRITISH = "british"
    ERITREAN = "eritrean"
    SUDANESE = "sudanese"
    INDIAN = "indian"
    LITHUANIAN = "lithuanian"


MAIN_ORIGINS = frozenset({
    Origin.ALBANIAN, Origin.VIETNAMESE, Origin.ROMANIAN, Origin.POLISH, Origin.NIGERIAN,
    Origin.CHINESE, Origin.ARABIC, Origin.BRITISH,
})

# Origins whose family name comes first when the person says their name.
FAMILY_FIRST = frozenset({Origin.VIETNAMESE, Origin.CHINESE})

# NRM nationalities (spelt as in reference/nrm_form/ms_nationalities.js) onto a naming tradition.
NATIONALITY_ORIGINS: Mapping[str, Origin] = {
    "Albanian": Origin.ALBANIAN, "Kosovan": Origin.ALBANIAN,
    "Vietnamese": Origin.VIETNAMESE,
    "Romanian": Origin.ROMANIAN, "Moldovan": Origin.ROMANIAN,
    "Polish": Origin.POLISH,
    "Nigerian": Origin.NIGERIAN,
    "Chinese": Origin.CHINESE, "Hong Konger": Origin.CHINESE, "Taiwanese": Origin.CHINESE,
    "Macanese": Origin.CHINESE,
    **{n: Origin.ARABIC for n in (
        "Algerian", "Bahraini", "Egyptian", "Emirati", "Iraqi", "Jordanian", "Kuwaiti", "Lebanese",
        "Libyan", "Moroccan", "Omani", "Palestinian", "Qatari", "Saudi Arabian", "Syrian", "Tunisian",
        "Yemeni")},
    "British": Origin.BRITISH, "English": Origin.BRITISH, "Scottish": Origin.BRITISH,
    "Welsh": Origin.BRITISH, "Northern Irish": Origin.BRITISH, "Irish": Origin.BRITISH,
    "Eritrean": Origin.ERITREAN, "Ethiopian": Origin.ERITREAN,
    "Sudanese": Origin.SUDANESE,
    "Indian": Origin.INDIAN,
    "Lithuanian": Origin.LITHUANIAN,
}


_UNDECOMPOSED = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O"})


@lru_cache(maxsize=65_536)  # names repeat: the generator folds the same few thousand again and again
def strip_marks(text: str) -> str:
    """The text without diacritics: "Nguyễn" -> "Nguyen", "Łukasz" -> "Lukasz", "Ștefan" -> "Stefan"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def split_names(text: str) -> tuple[str, ...]:
    """Whitespace-separated names (NFC); an underscore stands for a space inside one name."""
    return tuple(unicodedata.normalize("NFC", w.replace("_", " ")) for w in text.split())


@dataclass(frozen=True)
class NamePool:
    given_male: tuple[str, ...]
    given_female: tuple[str, ...]
    family: tuple[str, ...]
    # Vietnamese middle names, which travel with the given name ("Văn Hùng"); repeats weight the draw.
    middle_male: tuple[str, ...] = ()
    middle_female: tuple[str, ...] = ()


POOLS: Mapping[Origin, NamePool] = {
    Origin.ALBANIAN: NamePool(
        split_names("""Arben Ardit Artan Besnik Bledar Blerim Dritan Edmond Elton Endrit Erion Ervin Fatmir
        Florian Gëzim Genti Ilir Jetmir Klodian Kujtim Leonard Lulzim Marsel Mërgim Nertil Olsi Petrit
        Rexhep Redon Saimir Shkëlqim Sokol Taulant Valon Xhevdet Ylli Agron Alban Altin Armand"""),
        split_names("""Anila Arjola Blerina Brikena Dorina Drita Elira Elona Entela Ermira Fatjona Flutura
        Greta Hëna Ilda Jonida Klea Kristina Lindita Luljeta Majlinda Marsela Mimoza Nertila Orjada
        Rudina Sidorela Teuta Vjollca Xhesika Ardita Besjana Denada Edlira Gentiana Megi Ornela Suela
        Valbona Zana"""),
        split_names("""Hoxha Shehu Dervishi Leka Gjoka Kola Çela Muça Prifti Kelmendi Krasniqi Gashi Hysa
        Bajrami Basha Brahimi Cani Dedja Demiri Doda Duka Gjika Hasani Haxhiu Hysenaj Isufi Kaçi
        Kastrati Laçi Lika Luli Marku Mema Mucaj Ndreu Nika Osmani Pepa Përmeti Qose Rexha Sadiku Shala
        Shkurti Spahiu Tafa Tahiri Toska Vata Veliu Xhafa Zeneli Zhupa Lleshi Bushati Dushku Gjini
        Halili Mehmeti Ramaj Bytyqi Çoku Dibra Ferati Gjonaj Kapllani Lamaj Malaj"""),
    ),
    Origin.VIETNAMESE: NamePool(
        split_names("""Anh Bảo Bình Cường Dũng Duy Đạt Đức Hải Hiếu Hòa Hoàng Hùng Huy Khánh Khoa Kiên Lâm
        Long Mạnh Minh Nam Nghĩa Phong Phúc Quân Quang Sơn Tài Tâm Thắng Thành Thịnh Tiến Toàn Trung
        Tuấn Tùng Việt Vinh"""),
        split_names("""Anh Châu Chi Dung Giang Hà Hằng Hạnh Hiền Hoa Hồng Huệ Hương Lan Liên Linh Loan Mai
        My Nga Ngân Ngọc Nhung Oanh Phương Quỳnh Tâm Thảo Thu Thủy Trang Trinh Tuyết Uyên Vân Vy Xuân
        Yến Diệp Lụa"""),
        split_names("""Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn
        Vương Trịnh Trương Lâm Phùng Mai Tô Hà Tạ Lưu Cao Châu Quách Lương Đinh Thái Kiều Tăng Triệu
        Khổng Thân Tôn Đàm Kim La Diệp Chu Hứa Giang Âu Mạc Nghiêm Tiêu Đồng Doãn Ông Từ Tống Lã Khúc
        Quan Bạch Ninh Lục Thạch"""),
        middle_male=split_names("Văn Đức Minh Hữu Quang Công Thanh Xuân Ngọc Văn Văn Văn"),
        middle_female=split_names("Thị Ngọc Thu Kim Thanh Bảo Minh Mỹ Thị Thị Thị"),
    ),
    Origin.ROMANIAN: NamePool(
        split_names("""Adrian Alexandru Alin Andrei Bogdan Cătălin Claudiu Constantin Cosmin Costel
        Cristian Daniel Dorin Dragoș Eugen Florin Gabriel George Gheorghe Ion Ionuț Iulian Laurențiu
        Liviu Lucian Marian Marius Mihai Mircea Nicolae Ovidiu Petru Radu Răzvan Sebastian Sorin
        Ștefan Valentin Vasile Viorel"""),
        split_names("""Adriana Alexandra Alina Ana Anca Andreea Bianca Camelia Carmen Cristina Daniela
        Denisa Diana Elena Florentina Gabriela Georgiana Ileana Ioana Irina Larisa Laura Loredana
        Luminița Mădălina Maria Mihaela Monica Nicoleta Oana Raluca Ramona Roxana Simona Sorina
        Ștefania Teodora Valentina Violeta Viorica"""),
        split_names("""Popescu Ionescu Popa Pop Dumitru Stan Stoica Gheorghe Rusu Munteanu Matei Constantin
        Șerban Marin Tudor Lungu Mihăilă Ciobanu Dinu Moldovan Barbu Nistor Florea Ene Dobre Voicu
        Lazăr Toma Oprea Sandu Niculescu Radu Ursu Manea Mocanu Stănescu Diaconu Neagu Cojocaru
        Ungureanu Vasilescu Anghel Badea Bălan Cristea Dragomir Enache Georgescu Iordache Mitrea
        Nedelcu Paraschiv Preda Roman Sârbu Tănase Țurcanu Vlad Zamfir Pîrvu Coman Crăciun Ștefănescu
        Bucur Chiriac Irimia Grigore Pavel Avram"""),
    ),
    Origin.POLISH: NamePool(
        split_names("""Adam Andrzej Artur Bartosz Damian Dariusz Dawid Grzegorz Jakub Jan Janusz Jarosław
        Jerzy Józef Kamil Karol Krzysztof Łukasz Maciej Marcin Marek Mariusz Mateusz Michał Paweł Piotr
        Przemysław Radosław Rafał Sebastian Sławomir Szymon Tadeusz Tomasz Waldemar Wiesław Wojciech
        Zbigniew Zdzisław Dominik"""),
        split_names("""Agata Agnieszka Aleksandra Alicja Aneta Anna Barbara Beata Dorota Edyta Elżbieta Ewa
        Ewelina Grażyna Halina Irena Iwona Joanna Jolanta Justyna Karolina Katarzyna Krystyna Magdalena
        Małgorzata Marta Monika Natalia Patrycja Paulina Renata Sylwia Teresa Urszula Weronika Wiesława
        Zofia Żaneta Bożena Danuta"""),
        split_names("""Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański
        Woźniak Dąbrowski Kozłowski Jankowski Mazur Wojciechowski Kwiatkowski Krawczyk Kaczmarek
        Piotrowski Grabowski Zając Pawłowski Michalski Król Wieczorek Jabłoński Wróbel Nowakowski
        Majewski Olszewski Stępień Malinowski Jaworski Adamczyk Dudek Nowicki Pawlak Górski Witkowski
        Walczak Sikora Baran Rutkowski Michalak Szewczyk Ostrowski Tomaszewski Pietrzak Marciniak
        Wróblewski Zalewski Jakubowski Jasiński Zawadzki Sadowski Bąk Chmielewski Włodarczyk Borkowski
        Czarnecki Sawicki Sokołowski Urbański Kubiak Maciejewski Szczepański Kucharski Wilk Kalinowski
        Lis"""),
    ),
    Origin.NIGERIAN: NamePool(
        split_names("""Adebayo Adewale Ayodele Babatunde Chidi Chijioke Chinedu Chukwuemeka Chukwudi Damilare
        Ebuka Emeka Femi Ifeanyi Ikechukwu Kayode Kehinde Nnamdi Obinna Olumide Oluwaseun Oluwatobi
        Olusegun Segun Taiwo Tunde Uche Uchenna Yusuf Musa Ibrahim Abubakar Aliyu Sani Emmanuel Samuel
        Daniel Victor Godwin Friday"""),
        split_names("""Adaeze Adaora Amaka Adunni Ayomide Blessing Bukola Chiamaka Chidinma Chinwe Chioma
        Ebere Esther Favour Folake Funmilayo Grace Ifeoma Ijeoma Kemi Mercy Ngozi Nkechi Nneka Obiageli
        Oluwakemi Omolara Precious Ronke Sade Temitope Titilayo Tolulope Uju Yetunde Zainab Aisha
        Hadiza Halima Joy"""),
        split_names("""Adeyemi Adebayo Adeleke Adewale Afolabi Agbaje Ajayi Akande Akinola Alabi Aluko
        Babalola Bello Balogun Chukwu Eze Ezeh Ibekwe Igwe Ilori Nwachukwu Nwankwo Nwosu Odukoya
        Ogbonna Ogundipe Ogunleye Okafor Okeke Okonkwo Okoro Okoye Olaniyan Olawale Oluwole Omotosho
        Onyeka Onuoha Oyelaran Oyewole Salami Usman Abdullahi Mohammed Danjuma Garba Lawal Musa Yakubu
        Ogbu Uzor Anyanwu Ekwueme Ibe Iwu Nnadi Obiora Ojo Olatunji Onyekachi Opara"""),
    ),
    Origin.CHINESE: NamePool(
        split_names("""Wei Jun Hao Lei Tao Jie Qiang Ming Yong Gang Bin Chao Peng Fei Jian Zhiwei Jianhua
        Haoran Zihao Yuxuan Junjie Xiaoming Jianguo Weidong Zhiqiang Haitao Jinlong Chenguang Yifan
        Zhenyu Xiaolong Guoqiang Wenbin Dongsheng Jiahao Mingyu Tianyu Kai Bo Long"""),
        split_names("""Fang Na Jing Min Yan Lan Xia Hui Ying Xiaohong Xiaoyan Meiling Lijuan Yuting Xinyi
        Jiaxin Yutong Shuang Ting Qian Lili Jingjing Xiaoli Huimin Yue Mei Hong Rui Xue Ziyi Yanping
        Chunmei Guiying Xiuying Haiyan Wenjing Shu Qiong Lina Li"""),
        split_names("""Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo
        Zheng Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du
        Ye Cheng Wei Su Lu Ding Ren Shen Yao Jin Fu Zhong Cui Tan Fan Wan Qiu Qin Jia Xia Fang Dai Bai
        Kong"""),
    ),
    Origin.ARABIC: NamePool(
        split_names("""Mohammed Ahmed Ali Omar Hassan Hussein Mahmoud Mustafa Youssef Ibrahim Khaled Abdullah
        Karim Tariq Samir Walid Nabil Hamza Bilal Jamal Rami Fadi Sami Ziad Marwan Hadi Amir Basel Anas
        Ayman Bassam Faisal Hisham Imad Majid Nasser Qasim Rashid Saif Wael Yasser Zaid Adnan Jawad
        Murad"""),
        split_names("""Fatima Aisha Mariam Noor Zainab Layla Salma Huda Rania Amal Hana Yasmin Reem Dina Lina
        Nadia Samira Souad Khadija Asma Rasha Mona Sara Hiba Ghada Dalia Manal Aya Rana Jamila Suha
        Widad Lubna Maysa Nawal Shaima Wafa Zahra Inas Samar"""),
        split_names("""Al-Hashimi Al-Tamimi Al-Masri Al-Khatib Al-Najjar Al-Shami Al-Jabouri Al-Obaidi
        Al-Zubaidi Al-Dulaimi Al-Ansari Al-Amin Al-Sayed Al-Halabi Al-Homsi Al-Ali Al-Khalil Al-Hassan
        Al-Saadi Al-Bakri Al-Qasim Al-Rashid Al-Basri Al-Mousawi Al-Kurdi Haddad Khoury Nasser Saleh
        Mansour Hamdan Darwish Aziz Abbas Awad Ayoub Barakat Bitar Faraj Ghanem Habib Hamad Issa Jaber
        Kassem Khalaf Maalouf Nassar Odeh Qureshi Rizk Sabbagh Shaheen Suleiman Taha Yassin Zidan
        Abdel-Rahman Abdel-Aziz Abdul-Karim Bouzid Belkacem Amrani Tazi El-Sayed El-Masry Abu_Zeid"""),
    ),
    Origin.BRITISH: NamePool(
        split_names("""Robert William James Michael Thomas Richard Daniel Christopher Matthew Anthony Joseph
        Samuel Stephen Andrew Jonathan Nicholas Alexander Benjamin David Paul Mark Peter John Steven
        Gary Lee Craig Jason Kevin Liam Ryan Connor Jack Callum Jordan Kyle Harry George Oliver Charlie
        Dean Wayne Shaun Darren Karl Philip"""),
        split_names("""Elizabeth Margaret Katherine Catherine Rebecca Jennifer Charlotte Victoria Samantha
        Deborah Patricia Susan Sarah Emma Laura Hannah Jessica Amy Chloe Lauren Sophie Megan Leanne
        Kelly Gemma Stacey Natalie Claire Nicola Joanne Michelle Lisa Donna Tracey Kayleigh Jade Amber
        Paige Ellie Holly"""),
        split_names("""Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson
        Thompson Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Jackson Wood Turner
        Martin Cooper Hill Ward Morris Moore Clark King Baker Harrison Morgan Allen Scott Phillips
        Watson Davis Parker Price Bennett Young Griffiths Mitchell Kelly Cook Carter Richardson Bailey
        Collins Bell Shaw Murphy Miller Cox Richards Marshall Simpson Ellis Adams Wilkinson Foster
        Chapman Powell Webb Rogers Gray Mason Hunt Campbell Matthews Owen Palmer Holmes Mills Barnes
        Knight Lloyd Butler Russell Barker Fisher Stevens Jenkins Murray Dixon Harvey Graham Pearson
        Fletcher Walsh Gibson Howard Andrews Stewart Elliott Reynolds Saunders Payne Fox Ford Pearce
        Brooks Lawrence Atkinson Bradley Spencer Dawson Burton O'Brien Macdonald Thomson"""),
    ),
    Origin.ERITREAN: NamePool(
        split_names("""Yonas Filmon Daniel Samuel Michael Tesfalem Mebrahtu Habtom Kidane Tekle Berhane
        Semere Yohannes Aron Biniam Dawit Efrem Ermias Eyob Fitsum Goitom Henok Kibrom Merhawi Mussie
        Natnael Robel Amanuel Teklit Yosief"""),
        split_names("""Senait Helen Semhar Saba Selam Luwam Rahel Ruta Yordanos Hiwet Eden Feven Freweini
        Mebrat Tsega Winta Yohana Almaz Abeba Meron Hanna Sara Mihret Elsa Azeb Tirhas Lemlem Akberet
        Nardos Senayt"""),
        split_names("""Tesfay Gebremedhin Haile Kidane Berhane Tekle Gebreyesus Mehari Woldu Habte
        Ghebremariam Tewolde Asmerom Yemane Andemariam Ogbazghi Zeray Ghirmay Tsegay Abraha Mesfin
        Negash Fesseha Ghebrehiwet Kahsay Measho Okbay Solomon Tesfamariam Weldemichael Debesay Embaye
        Gebru Hagos Kifle Mengesha Sibhatu Teklemariam Zemichael"""),
    ),
    Origin.SUDANESE: NamePool(
        split_names("""Mohamed Ahmed Osman Abdelrahman Hamid Babiker Elfatih Elsadig Omer Hassan Mustafa
        Yousif Ibrahim Adam Ismail Musa Bakri Tajeldin Awad Salih Khalid Abdalla Mubarak Hashim Siddig
        Nasreldin Mohanad Motasim Gaafar Hatim"""),
        split_names("""Fatima Amna Hawa Mariam Aisha Khadija Zeinab Nafisa Sara Hanan Samia Ikhlas Huda
        Tahani Nahid Awatif Rasha Safaa Maha Eman Wigdan Suad Alawia Asia Insaf Ilham Arafa Sumaya
        Ghada Afaf"""),
        split_names("""Osman Ahmed Mohamed Abdalla Babiker Hamid Elamin Elhassan Eltayeb Ibrahim Ali Omer
        Hassan Adam Yagoub Ishag Abakar Haroun Suleiman Yahya Mahmoud Hamad Idris Musa Abdelrahim
        Elnour Mukhtar Taha Fadul Bakheit Gibril Khamis Juma"""),
    ),
    Origin.INDIAN: NamePool(
        split_names("""Aarav Abhishek Aditya Ajay Akash Amit Anil Arjun Deepak Gaurav Harpreet Jaswinder
        Karan Manoj Mohan Nikhil Pradeep Rahul Rajesh Ravi Rohit Sanjay Sandeep Suresh Sunil Vijay
        Vikram Vivek Gurpreet Imran Farhan Ashok Dinesh Ramesh Prakash"""),
        split_names("""Aishwarya Anjali Ananya Deepika Divya Geeta Jaspreet Kavita Lakshmi Meena Neha Nisha
        Pooja Preeti Priya Radha Rekha Ritu Sapna Shreya Sita Sonia Sunita Swati Usha Manpreet Simran
        Kiran Asha Rani Farida"""),
        split_names("""Patel Singh Kumar Sharma Gupta Shah Reddy Nair Das Khan Verma Mehta Joshi Iyer Rao
        Chaudhary Mishra Pandey Kaur Gill Sandhu Dhillon Sidhu Bhatt Desai Jain Malhotra Menon Pillai
        Banerjee Mukherjee Chatterjee Bose Yadav Thakur Agarwal Saxena Trivedi Ansari Qureshi Sheikh
        Naidu Goswami"""),
    ),
    Origin.LITHUANIAN: NamePool(
        split_names("""Andrius Arūnas Audrius Darius Dainius Deividas Donatas Edgaras Egidijus Gediminas
        Giedrius Ignas Jonas Justinas Kęstutis Laurynas Linas Lukas Mantas Marius Mindaugas Nerijus
        Paulius Povilas Rimantas Robertas Saulius Tomas Vaidas Vytautas Algirdas"""),
        split_names("""Agnė Aistė Asta Audronė Daiva Dovilė Eglė Gintarė Greta Ieva Indrė Inga Jolanta
        Jurgita Justina Kristina Laima Lina Milda Neringa Rasa Rūta Simona Sandra Vaida Vilma Viktorija
        Živilė Ugnė Gabija"""),
        split_names("""Kazlauskas Jankauskas Petrauskas Stankevičius Vasiliauskas Žukauskas Butkus Paulauskas
        Urbonas Kavaliauskas Baranauskas Pocius Sakalauskas Navickas Rimkus Savickas Kriščiūnas Mockus
        Lukoševičius Žilinskas Adomaitis Mikalauskas Vaitkus Jonaitis Balčiūnas Ramanauskas Šimkus
        Gudaitis Bagdonas Tamošiūnas Jakubauskas Budrys Stonkus Mažeika Valančius"""),
    ),
}

# How strongly family names concentrate on the first in the pool (weight 1 / rank ** skew).
FAMILY_SKEW: Mapping[Origin, float] = {Origin.VIETNAMESE: 1.3, Origin.CHINESE: 0.9}
DEFAULT_FAMILY_SKEW = 0.4

# Sikh family names that go with one gender.
MALE_ONLY_FAMILY = frozenset({"Singh"})
FEMALE_ONLY_FAMILY = frozenset({"Kaur"})

# Pairings that name someone well known: drawn again if they come up (given family, folded).
FAMOUS_NAMES = frozenset({
    "michael owen", "emma watson", "emma thompson", "michael jackson", "john lewis", "david davis",
    "tom jones", "lee evans", "john barnes", "amit shah", "rohit sharma", "anil kapoor",
    "manoj kumar", "piotr zielinski", "zhang ziyi", "li na", "yao ming", "ma long",
    "mohammed ali", "femi falana",
})


def _lithuanian_forms(name: str) -> tuple[str, ...]:
    """A masculine Lithuanian family name, then the married and unmarried feminine forms."""
    for ending, unmarried in (("ius", "iūtė"), ("as", "aitė"), ("is", "ytė"), ("ys", "ytė"),
                              ("us", "utė"), ("a", "aitė")):
        if name.endswith(ending):
            stem = name[: -len(ending)]
            return (name, stem + "ienė", stem + unmarried)
    return (name,)


def family_name_forms(origin: Origin, name: str) -> tuple[str, ...]:
    """Every gendered form of a pool family name, the pool's (masculine) form first."""
    if origin is Origin.POLISH:
        for ending in ("ski", "cki", "dzki"):
            if name.endswith(ending):
                return (name, name[:-1] + "a")
    if origin is Origin.LITHUANIAN:
        return _lithuanian_forms(name)
    return (name,)


def _groups(text: str) -> Mapping[str, frozenset[str]]:
    """``a,b,c`` groups of spellings of one name: each member maps to the others."""
    table: dict[str, set[str]] = {}
    for group in split_names(text):
        members = group.split(",")
        for member in members:
            table.setdefault(member, set()).update(m for m in members if m != member)
    return {k: frozenset(v) for k, v in table.items()}


def _nicknames(text: str) -> Mapping[str, tuple[str, ...]]:
    """``Name:nick,nick`` entries: the familiar forms a person may give or be known by."""
    table: dict[str, tuple[str, ...]] = {}
    for entry in split_names(text):
        name, _, nicks = entry.partition(":")
        table[name] = tuple(nicks.split(","))
    return table


# Other spellings of a whole name, by origin (romanisations, anglicisations, spelling habits).
SPELLINGS: Mapping[Origin, Mapping[str, frozenset[str]]] = {
    Origin.ARABIC: _groups("""Mohammed,Muhammad,Mohamed,Mohammad,Muhammed,Mohamad Ahmed,Ahmad
    Mahmoud,Mahmud Hussein,Hussain,Husein,Hossein Hassan,Hasan Ali,Aly Omar,Umar Youssef,Yusuf,Yousef
    Ibrahim,Ebrahim Abdullah,Abdallah,Abdulla Khaled,Khalid Mustafa,Mostafa,Moustafa Tariq,Tarek,Tareq
    Walid,Waleed Samir,Sameer Nabil,Nabeel Jamal,Gamal Ziad,Ziyad Amir,Ameer Basel,Basil Ayman,Aiman
    Faisal,Faysal Hisham,Hesham Majid,Majed,Magid Nasser,Naser Qasim,Kasim,Qassem Rashid,Rachid
    Yasser,Yasir Zaid,Zayed,Zeid Murad,Mourad Fatima,Fatma,Fatimah Aisha,Aysha,Aicha,Ayesha
    Mariam,Maryam,Meriem Noor,Nour,Nur Zainab,Zaynab,Zeinab Layla,Leila,Laila Huda,Houda Rania,Ranya
    Yasmin,Yasmine,Jasmin Reem,Rim Souad,Suad Khadija,Khadijah,Khadiga Hiba,Heba Shaima,Shaimaa
    Samira,Sameera Inas,Enas Haddad,Hadad Khoury,Khouri,Khuri Mansour,Mansur Darwish,Darweesh
    Ayoub,Ayyub,Ayub Kassem,Qassem Suleiman,Sulaiman,Soliman Yassin,Yaseen,Yasin Shaheen,Shahin
    Odeh,Audeh Abdel-Rahman,Abdul-Rahman,Abdelrahman,Abdulrahman Abdel-Aziz,Abdul-Aziz,Abdelaziz
    Abdul-Karim,Abdel-Karim,Abdulkarim Qureshi,Kureishi,Qurashi"""),
    Origin.SUDANESE: _groups("""Mohamed,Mohammed,Muhammad,Mohammad Osman,Othman,Uthman
    Abdelrahman,Abdulrahman,Abdel-Rahman Elfatih,El-Fatih,Al-Fatih Elsadig,El-Sadig,Elsadiq,Al-Siddiq
    Omer,Omar Yousif,Yousef,Yusuf Abdalla,Abdallah,Abdullah Siddig,Siddiq Gaafar,Jaafar,Jafar
    Motasim,Mutasim,Moatasim Hashim,Hashem Salih,Saleh Khalid,Khaled Elamin,El-Amin,Al-Amin
    Elhassan,El-Hassan,Al-Hassan Eltayeb,El-Tayeb,Al-Tayeb Elnour,El-Nour,Al-Nour Yagoub,Yaqub,Yacoub
    Ishag,Ishaq,Ishak Haroun,Harun Suleiman,Sulaiman Zeinab,Zainab Aisha,Aysha Eman,Iman
    Fatima,Fatma Mariam,Maryam Hanan,Hannan Safaa,Safa Sumaya,Sumaia,Somaya"""),
    Origin.CHINESE: _groups("""Zhang,Chang,Cheung Chen,Chan,Ch'en Li,Lee,Lei Liu,Lau,Lew Huang,Hwang,Wong
    Zhou,Chou,Chow Xu,Hsu,Tsui Zhao,Chao,Chiu Wu,Woo,Ng Yang,Yeung Lin,Lam He,Ho Guo,Kuo,Kwok
    Zheng,Cheng Xie,Hsieh,Tse Zhu,Chu Gao,Kao,Ko Luo,Lo,Law Liang,Leung Wang,Wong Ma,Mah Sun,Suen
    Tang,Tong Deng,Teng Cai,Tsai,Choi Jiang,Chiang,Keung Yu,Yue Ye,Yeh,Yip Wei,Ngai Pan,Poon Feng,Fung
    Fang,Fong Cao,Tsao,Tso Zeng,Tseng,Tsang Xiao,Hsiao,Siu Peng,P'eng,Pang Dong,Tung Yuan,Yuen
    Jin,Chin,Kam Qiu,Ch'iu,Yau Du,Tu,To Tian,T'ien,Tin Su,Soo,So Kong,K'ung,Hung Tan,T'an,Tam Dai,Tai
    Bai,Pai,Pak Han,Hon Song,Sung Shen,Shum Cui,Ts'ui,Chui Fu,Foo Zhong,Chung Hu,Hoo Xia,Hsia,Ha
    Qin,Ch'in,Chun Jia,Chia,Ka Ren,Jen,Yam Lu,Lo Ding,Ting Yao,Yiu Wan,Man Fan,Faan"""),
    Origin.BRITISH: _groups("""Steven,Stephen Katherine,Catherine,Kathryn Phillip,Philip Shaun,Shawn,Sean
    Kayleigh,Kayley,Kaylee Stacey,Stacy Tracey,Tracy Leanne,Lianne Natalie,Nathalie Michelle,Michele
    Nicola,Nichola Jade,Jayde Callum,Calum Connor,Conor Deborah,Debra Rebecca,Rebekah Sarah,Sara
    Hannah,Hanna Amy,Aimee Megan,Meghan Chloe,Chloë Ellie,Elly Holly,Hollie Lee,Leigh
    Jonathan,Johnathan Matthew,Mathew Karl,Carl Thompson,Thomson Clarke,Clark Phillips,Philips
    Macdonald,McDonald,MacDonald O'Brien,OBrien,O_Brien Davies,Davis Griffiths,Griffith
    Stevens,Stephens Matthews,Mathews Elliott,Elliot Gray,Grey Rogers,Rodgers Pearce,Pierce,Pearse
    Cook,Cooke Brown,Browne Walsh,Welsh Lloyd,Loyd Jenkins,Jenkin"""),
    Origin.ERITREAN: _groups("""Yohannes,Yohanes,Johannes Mebrahtu,Mebratu Haile,Hayle Semere,Semre
    Habtom,Habtum Mussie,Musie Kibrom,Kbrom Yemane,Yemani Woldu,Weldu Weldemichael,Woldemichael
    Tewolde,Tewelde Senait,Senayt Yosief,Yosef,Yoseph Amanuel,Emanuel Tekle,Tecle Efrem,Ephrem
    Gebremedhin,Ghebremedhin,Gebre_Medhin Gebreyesus,Ghebreyesus,Gebre_Yesus
    Ghebremariam,Gebremariam,Gebre_Mariam Ghebrehiwet,Gebrehiwet Tsegay,Tsegai,Tsegaye
    Tesfay,Tesfai,Tesfaye Ghirmay,Ghirmai,Girmay Kahsay,Kahsai Okbay,Okbai Debesay,Debessay"""),
    Origin.INDIAN: _groups("""Chaudhary,Choudhary,Chaudhari,Chowdhury Lakshmi,Laxmi Reddy,Reddi
    Sharma,Sarma Kaur,Kour Iyer,Iyyer Agarwal,Aggarwal,Agrawal Goswami,Gosain Sheikh,Shaikh
    Mohan,Mohun Ramesh,Rameshwar Vikram,Vikrum Aarav,Arav"""),
    Origin.NIGERIAN: _groups("""Segun,Shegun Sade,Shade Ifeanyi,Ifeanyichukwu Ezeh,Eze Uche,Uchechukwu
    Chinwe,Chinwendu Nneka,Neka Ngozi,Ngozie Musa,Moussa Yusuf,Yusuff Aisha,Aishat Zainab,Zainabu
    Mohammed,Muhammad,Mohammad Abdullahi,Abdulahi Okeke,Okekeh Ojo,Ojoh Ibe,Ibeh"""),
}

# Yoruba names in their tone-marked spelling; records drop the marks or keep them.
YORUBA_MARKED: Mapping[str, str] = {
    plain: marked for plain, _, marked in (e.partition(":") for e in split_names("""Adebayo:Adébáyọ̀
Adewale:Adéwálé Ayodele:Ayọ̀délé Babatunde:Babátúndé Olumide:Olúmídé Oluwaseun:Olúwaṣeun
Oluwatobi:Olúwatóbi Kayode:Káyọ̀dé Kehinde:Kẹ́hìndé Funmilayo:Fúnmiláyọ̀ Temitope:Tèmítọ́pẹ́ Folake:Fọlákẹ́
Yetunde:Yétúndé Adeyemi:Adéyẹmí Ajayi:Àjàyí Alabi:Àlàbí Babalola:Bábálọlá Ogunleye:Ògúnlẹ́yẹ
Omolara:Ọmọ́lára Titilayo:Títílayọ̀ Tolulope:Tolúlọpẹ́ Damilare:Dàmílàrè"""))
}

NICKNAMES: Mapping[Origin, Mapping[str, tuple[str, ...]]] = {
    Origin.BRITISH: _nicknames("""Robert:Bob,Rob,Bobby William:Will,Bill,Billy James:Jim,Jamie,Jimmy
    Michael:Mike,Mick,Mikey Thomas:Tom,Tommy Richard:Rich,Richie,Dick Daniel:Dan,Danny
    Christopher:Chris Matthew:Matt Anthony:Tony,Ant Joseph:Joe,Joey Samuel:Sam,Sammy Stephen:Steve
    Steven:Steve Andrew:Andy,Drew Jonathan:Jon,Jonny Nicholas:Nick,Nicky Alexander:Alex,Al
    Benjamin:Ben,Benny David:Dave,Davey Peter:Pete John:Johnny,Jack Oliver:Ollie Callum:Cal
    Kevin:Kev Gary:Gaz Darren:Daz Charlie:Chaz Elizabeth:Liz,Beth,Lizzie,Betty Margaret:Maggie,Peggy,Meg
    Katherine:Kate,Katie,Kath Catherine:Cathy,Kate,Cat Rebecca:Becky,Becca Jennifer:Jen,Jenny
    Charlotte:Charlie,Lottie Victoria:Vicky,Tori Samantha:Sam,Sammy Deborah:Debbie,Deb
    Patricia:Pat,Trish,Tricia Susan:Sue,Suzy Sarah:Sal Jessica:Jess Nicola:Nicky Joanne:Jo
    Natalie:Nat Gemma:Gem Michelle:Shell Kayleigh:Kay Megan:Meg Sophie:Soph"""),
    Origin.POLISH: _nicknames("""Katarzyna:Kasia Małgorzata:Gosia,Małgosia Aleksandra:Ola Agnieszka:Aga
    Magdalena:Magda Joanna:Asia Elżbieta:Ela Barbara:Basia Anna:Ania Zofia:Zosia Alicja:Ala
    Krystyna:Krysia Urszula:Ula Danuta:Danka Weronika:Wera Tomasz:Tomek Krzysztof:Krzysiek
    Wojciech:Wojtek Józef:Józek Jakub:Kuba Piotr:Piotrek Grzegorz:Grzesiek Przemysław:Przemek
    Radosław:Radek Sławomir:Sławek Bartosz:Bartek Jarosław:Jarek Zbigniew:Zbyszek Dariusz:Darek
    Jan:Janek Szymon:Szymek Maciej:Maciek Wiesław:Wiesiek Dominik:Domek"""),
    Origin.ROMANIAN: _nicknames("""Alexandru:Alex Constantin:Costel,Costi,Costică Gheorghe:George,Gică,Gigel
    Ion:Ionel,Nelu Ștefan:Fane,Ștefănel Vasile:Vasilică Nicolae:Nicu,Nae Mihai:Mihăiță Daniel:Dani
    Cristian:Cristi Gabriel:Gabi Valentin:Vali Elena:Lenuța Gabriela:Gabi Daniela:Dana Mihaela:Miha
    Georgiana:Georgi Mădălina:Mădă Nicoleta:Nico Valentina:Vali Florentina:Flori Maria:Mia"""),
    Origin.ALBANIAN: _nicknames("""Klodian:Klodi Florian:Flori Ardit:Ardi Besnik:Besi Dritan:Tani Genti:Gent
    Kristina:Kristi Marsela:Seli Jonida:Joni Xhesika:Jessica Mimoza:Moza Elira:Eli Gentiana:Geni
    Arben:Beni Ervin:Vini"""),
    Origin.ARABIC: _nicknames("""Mohammed:Mo,Moe,Hamoudi Mahmoud:Hamoudi Ahmed:Hamada Abdullah:Abdo,Abboud
    Youssef:Joe Samir:Sam Mariam:Mimi Yasmin:Yas Fatima:Fati Ibrahim:Bob Mustafa:Mus"""),
    Origin.SUDANESE: _nicknames("""Mohamed:Mo,Hamouda Abdelrahman:Abdo Mustafa:Mus Osman:Osi"""),
    Origin.NIGERIAN: _nicknames("""Oluwaseun:Seun,Shaun Oluwatobi:Tobi,Toby Chukwuemeka:Emeka Ifeanyi:Ify
    Babatunde:Tunde Adewale:Wale Olumide:Mide Damilare:Dami Ayodele:Dele,Ayo Kehinde:Kenny
    Olusegun:Segun Ikechukwu:Ike Chinedu:Nedu Oluwakemi:Kemi Funmilayo:Funmi Temitope:Temi,Tope
    Tolulope:Tolu Titilayo:Titi Omolara:Lara Adaeze:Ada Adaora:Ada Chiamaka:Amaka Ifeoma:Ify
    Obiageli:Oby Chioma:Chi Yetunde:Yetty Nkechi:Kechi Emmanuel:Emma Samuel:Sammy"""),
    Origin.ERITREAN: _nicknames("""Yohannes:John,Johnny Michael:Mike Daniel:Dani Samuel:Sami Natnael:Nati
    Filmon:Fili Semhar:Semi Luwam:Lulu Freweini:Frewi Yordanos:Yordi Tesfalem:Tesfu Biniam:Bini"""),
    Origin.INDIAN: _nicknames("""Harpreet:Harry,Preet Gurpreet:Guri,Gary Jaswinder:Jas Jaspreet:Jas
    Manpreet:Mani Rajesh:Raj Vikram:Vicky Abhishek:Abhi Aditya:Adi Nikhil:Nik Aishwarya:Ash
    Kavita:Kavi"""),
    Origin.LITHUANIAN: _nicknames("""Vytautas:Vytas Gediminas:Gedas Kęstutis:Kęstas Rimantas:Rimas
    Algirdas:Algis Egidijus:Egis Deividas:Deivis Jurgita:Jurga Viktorija:Vika Gintarė:Ginta"""),
}

# English names adopted by Vietnamese and Chinese people in the UK (a common alias).
ENGLISH_NAMES_MALE = split_names("Tony Kevin Jimmy Peter David Andy Tommy Danny Eric Jack Michael Sam Ken")
ENGLISH_NAMES_FEMALE = split_names("Lily Vicky Jenny Anna Linda Cindy Kelly Amy Lucy Nancy Helen Tina Mandy")

# Street names ("Tiny", "Junior") some people are known by instead of their own.
STREET_NAMES = split_names("Tiny Junior Smokey Ghost Lil_T Bigs Ace Jay Kay Snowy Dee Zee Blade Boss")

# Chinese given names of two syllables, as written in pinyin: the split, for the romanisations.
CHINESE_SYLLABLES: Mapping[str, tuple[str, str]] = {
    w.replace("-", "").capitalize(): (w.split("-")[0].capitalize(), w.split("-")[1])
    for w in split_names("""zhi-wei jian-hua hao-ran zi-hao yu-xuan jun-jie xiao-ming jian-guo wei-dong
    zhi-qiang hai-tao jin-long chen-guang yi-fan zhen-yu xiao-long guo-qiang wen-bin dong-sheng jia-hao
    ming-yu tian-yu xiao-hong xiao-yan mei-ling li-juan yu-ting xin-yi jia-xin yu-tong jing-jing
    li-li xiao-li hui-min zi-yi yan-ping chun-mei gui-ying xiu-ying hai-yan wen-jing li-na""")
}
