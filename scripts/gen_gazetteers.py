#!/usr/bin/env python3
"""Regenerate the generated gazetteers in config/gazetteers/.

  countries.tsv     ISO 3166-1 names (Debian's iso-codes, LGPL-2.1+) plus the
                    short names and aliases below (own work), canonical = short name
  places.tsv        capitals and demonyms (own work, below), major cities,
                    continents, regions, seas (own work, below)
  subdivisions.tsv  ISO 3166-2 subdivision names (iso-codes), filtered
  first_names.tsv   US Census 1990 first names (public domain; as shipped in the
                    PyPI package `names` 0.3.0) plus international first names (own work)

Usage: python3 scripts/gen_gazetteers.py [--iso-dir /usr/share/iso-codes/json]
         [--names-dir DIR_WITH_dist.male.first]   (apt-get install iso-codes;
         pip download --no-deps --no-binary :all: names==0.3.0, untar)
The hand-written lists (organisations, media, laws_events, people) are edited by hand.
"""
import argparse, json, os, re, sys

# country short name | capital(s) ; | demonyms ; | aliases ;
COUNTRIES = """
Afghanistan|Kabul|Afghan;Afghans|
Albania|Tirana|Albanian;Albanians|
Algeria|Algiers|Algerian;Algerians|
Andorra|Andorra la Vella|Andorran|
Angola|Luanda|Angolan;Angolans|
Antigua and Barbuda|St. John's|Antiguan|
Argentina|Buenos Aires|Argentine;Argentinian;Argentines;Argentinians|
Armenia|Yerevan|Armenian;Armenians|
Australia|Canberra|Australian;Australians|
Austria|Vienna|Austrian;Austrians|
Azerbaijan|Baku|Azerbaijani;Azeri;Azerbaijanis;Azeris|
Bahamas|Nassau|Bahamian|The Bahamas
Bahrain|Manama|Bahraini;Bahrainis|
Bangladesh|Dhaka|Bangladeshi;Bangladeshis|
Barbados|Bridgetown|Barbadian|
Belarus|Minsk|Belarusian;Belarusians;Belarussian|Byelorussia
Belgium|Brussels|Belgian;Belgians|
Belize|Belmopan|Belizean|
Benin|Porto-Novo|Beninese|
Bhutan|Thimphu|Bhutanese|
Bolivia|La Paz;Sucre|Bolivian;Bolivians|
Bosnia and Herzegovina|Sarajevo|Bosnian;Bosnians|Bosnia;Bosnia-Herzegovina
Botswana|Gaborone|Botswanan;Motswana|
Brazil|Brasilia;Brasília|Brazilian;Brazilians|
Brunei|Bandar Seri Begawan|Bruneian|
Bulgaria|Sofia|Bulgarian;Bulgarians|
Burkina Faso|Ouagadougou|Burkinabe|
Burundi|Gitega;Bujumbura|Burundian|
Cabo Verde|Praia|Cape Verdean|Cape Verde
Cambodia|Phnom Penh|Cambodian;Cambodians|
Cameroon|Yaounde;Yaoundé|Cameroonian;Cameroonians|
Canada|Ottawa|Canadian;Canadians|
Central African Republic|Bangui|Central African|CAR
Chad|N'Djamena|Chadian;Chadians|
Chile|Santiago|Chilean;Chileans|
China|Beijing|Chinese|People's Republic of China;PRC;Mainland China
Colombia|Bogota;Bogotá|Colombian;Colombians|
Comoros|Moroni|Comoran|
Congo|Brazzaville|Congolese|Republic of the Congo;Congo-Brazzaville
Democratic Republic of the Congo|Kinshasa|Congolese|DRC;DR Congo;Congo-Kinshasa;Zaire
Costa Rica|San Jose;San José|Costa Rican;Costa Ricans|
Cote d'Ivoire|Yamoussoukro;Abidjan|Ivorian;Ivorians|Ivory Coast;Côte d'Ivoire
Croatia|Zagreb|Croatian;Croat;Croats;Croatians|
Cuba|Havana|Cuban;Cubans|
Cyprus|Nicosia|Cypriot;Cypriots|
Czech Republic|Prague|Czech;Czechs|Czechia
Denmark|Copenhagen|Danish;Dane;Danes|
Djibouti|Djibouti|Djiboutian|
Dominica|Roseau|Dominican|
Dominican Republic|Santo Domingo|Dominican;Dominicans|
Ecuador|Quito|Ecuadorian;Ecuadorean;Ecuadorians|
Egypt|Cairo|Egyptian;Egyptians|
El Salvador|San Salvador|Salvadoran;Salvadorans;Salvadorean|
Equatorial Guinea|Malabo|Equatoguinean|
Eritrea|Asmara|Eritrean;Eritreans|
Estonia|Tallinn|Estonian;Estonians|
Eswatini|Mbabane|Swazi|Swaziland
Ethiopia|Addis Ababa|Ethiopian;Ethiopians|
Fiji|Suva|Fijian;Fijians|
Finland|Helsinki|Finnish;Finn;Finns|
France|Paris|French;Frenchman;Frenchmen|
Gabon|Libreville|Gabonese|
Gambia|Banjul|Gambian;Gambians|The Gambia
Georgia|Tbilisi|Georgian;Georgians|
Germany|Berlin|German;Germans|Federal Republic of Germany;West Germany;East Germany
Ghana|Accra|Ghanaian;Ghanaians|
Greece|Athens|Greek;Greeks|
Grenada|St. George's|Grenadian|
Guatemala|Guatemala City|Guatemalan;Guatemalans|
Guinea|Conakry|Guinean;Guineans|
Guinea-Bissau|Bissau|Bissau-Guinean|
Guyana|Georgetown|Guyanese|
Haiti|Port-au-Prince|Haitian;Haitians|
Honduras|Tegucigalpa|Honduran;Hondurans|
Hungary|Budapest|Hungarian;Hungarians|
Iceland|Reykjavik;Reykjavík|Icelandic;Icelander;Icelanders|
India|New Delhi|Indian;Indians|
Indonesia|Jakarta|Indonesian;Indonesians|
Iran|Tehran;Teheran|Iranian;Iranians;Persian|Persia
Iraq|Baghdad|Iraqi;Iraqis|
Ireland|Dublin|Irish;Irishman|Republic of Ireland;Eire
Israel|Jerusalem|Israeli;Israelis|
Italy|Rome|Italian;Italians|
Jamaica|Kingston|Jamaican;Jamaicans|
Japan|Tokyo|Japanese|
Jordan|Amman|Jordanian;Jordanians|
Kazakhstan|Astana;Nur-Sultan|Kazakh;Kazakhs;Kazakhstani|
Kenya|Nairobi|Kenyan;Kenyans|
Kiribati|Tarawa|I-Kiribati|
North Korea|Pyongyang|North Korean;North Koreans|DPRK
South Korea|Seoul|South Korean;South Koreans;Korean;Koreans|Korea;Republic of Korea;ROK
Kosovo|Pristina|Kosovar;Kosovars;Kosovan|
Kuwait|Kuwait City|Kuwaiti;Kuwaitis|
Kyrgyzstan|Bishkek|Kyrgyz|Kirghizia
Laos|Vientiane|Lao;Laotian;Laotians|
Latvia|Riga|Latvian;Latvians|
Lebanon|Beirut|Lebanese|
Lesotho|Maseru|Basotho|
Liberia|Monrovia|Liberian;Liberians|
Libya|Tripoli|Libyan;Libyans|
Liechtenstein|Vaduz|Liechtensteiner|
Lithuania|Vilnius|Lithuanian;Lithuanians|
Luxembourg|Luxembourg|Luxembourger;Luxembourgish|
Madagascar|Antananarivo|Malagasy|
Malawi|Lilongwe|Malawian;Malawians|
Malaysia|Kuala Lumpur|Malaysian;Malaysians|
Maldives|Male|Maldivian|
Mali|Bamako|Malian;Malians|
Malta|Valletta|Maltese|
Marshall Islands|Majuro|Marshallese|
Mauritania|Nouakchott|Mauritanian;Mauritanians|
Mauritius|Port Louis|Mauritian|
Mexico|Mexico City|Mexican;Mexicans|
Micronesia|Palikir|Micronesian|
Moldova|Chisinau;Chişinău|Moldovan;Moldovans|
Monaco|Monaco|Monegasque|
Mongolia|Ulaanbaatar;Ulan Bator|Mongolian;Mongolians|
Montenegro|Podgorica|Montenegrin;Montenegrins|
Morocco|Rabat|Moroccan;Moroccans|
Mozambique|Maputo|Mozambican;Mozambicans|
Myanmar|Naypyidaw;Naypyitaw|Burmese|Burma
Namibia|Windhoek|Namibian;Namibians|
Nauru|Yaren|Nauruan|
Nepal|Kathmandu|Nepali;Nepalese|
Netherlands|Amsterdam;The Hague|Dutch;Dutchman|Holland;The Netherlands
New Zealand|Wellington|New Zealander;New Zealanders;Kiwi|
Nicaragua|Managua|Nicaraguan;Nicaraguans|
Niger|Niamey|Nigerien|
Nigeria|Abuja;Lagos|Nigerian;Nigerians|
North Macedonia|Skopje|Macedonian;Macedonians|Macedonia
Norway|Oslo|Norwegian;Norwegians|
Oman|Muscat|Omani;Omanis|
Pakistan|Islamabad|Pakistani;Pakistanis|
Palau|Ngerulmud|Palauan|
Palestine|Ramallah|Palestinian;Palestinians|Palestinian Territories;State of Palestine
Panama|Panama City|Panamanian;Panamanians|
Papua New Guinea|Port Moresby|Papua New Guinean|PNG
Paraguay|Asuncion;Asunción|Paraguayan;Paraguayans|
Peru|Lima|Peruvian;Peruvians|
Philippines|Manila|Filipino;Filipinos;Philippine|The Philippines
Poland|Warsaw|Polish;Pole;Poles|
Portugal|Lisbon|Portuguese|
Qatar|Doha|Qatari;Qataris|
Romania|Bucharest|Romanian;Romanians|
Russia|Moscow|Russian;Russians|Russian Federation
Rwanda|Kigali|Rwandan;Rwandans|
Saint Kitts and Nevis|Basseterre|Kittitian|
Saint Lucia|Castries|Saint Lucian|
Saint Vincent and the Grenadines|Kingstown|Vincentian|
Samoa|Apia|Samoan;Samoans|
San Marino|San Marino|Sammarinese|
Sao Tome and Principe|Sao Tome|Santomean|
Saudi Arabia|Riyadh|Saudi;Saudis;Saudi Arabian|
Senegal|Dakar|Senegalese|
Serbia|Belgrade|Serbian;Serb;Serbs;Serbians|
Seychelles|Victoria|Seychellois|
Sierra Leone|Freetown|Sierra Leonean|
Singapore|Singapore|Singaporean;Singaporeans|
Slovakia|Bratislava|Slovak;Slovaks;Slovakian|
Slovenia|Ljubljana|Slovenian;Slovene;Slovenes;Slovenians|
Solomon Islands|Honiara|Solomon Islander|
Somalia|Mogadishu|Somali;Somalis|
South Africa|Pretoria;Cape Town|South African;South Africans|
South Sudan|Juba|South Sudanese|
Spain|Madrid|Spanish;Spaniard;Spaniards|
Sri Lanka|Colombo|Sri Lankan;Sri Lankans|
Sudan|Khartoum|Sudanese|
Suriname|Paramaribo|Surinamese|
Sweden|Stockholm|Swedish;Swede;Swedes|
Switzerland|Bern;Berne|Swiss|
Syria|Damascus|Syrian;Syrians|
Taiwan|Taipei|Taiwanese|
Tajikistan|Dushanbe|Tajik;Tajiks|
Tanzania|Dodoma;Dar es Salaam|Tanzanian;Tanzanians|
Thailand|Bangkok|Thai;Thais|
Timor-Leste|Dili|Timorese|East Timor
Togo|Lome;Lomé|Togolese|
Tonga|Nuku'alofa|Tongan|
Trinidad and Tobago|Port of Spain|Trinidadian|
Tunisia|Tunis|Tunisian;Tunisians|
Turkey|Ankara|Turkish;Turk;Turks|Turkiye;Türkiye
Turkmenistan|Ashgabat|Turkmen|
Tuvalu|Funafuti|Tuvaluan|
Uganda|Kampala|Ugandan;Ugandans|
Ukraine|Kyiv;Kiev|Ukrainian;Ukrainians|
United Arab Emirates|Abu Dhabi|Emirati;Emiratis|UAE;U.A.E.;Emirates
United Kingdom|London|British;Briton;Britons;Brit;Brits|UK;U.K.;Britain;Great Britain
United States|Washington|American;Americans|U.S.;US;USA;U.S.A.;America;United States of America
Uruguay|Montevideo|Uruguayan;Uruguayans|
Uzbekistan|Tashkent|Uzbek;Uzbeks|
Vanuatu|Port Vila|Ni-Vanuatu|
Vatican City|Vatican City|Vatican|Holy See;Vatican
Venezuela|Caracas|Venezuelan;Venezuelans|
Vietnam|Hanoi|Vietnamese|Viet Nam
Yemen|Sanaa;Sana'a|Yemeni;Yemenis|
Zambia|Lusaka|Zambian;Zambians|
Zimbabwe|Harare|Zimbabwean;Zimbabweans|
Scotland|Edinburgh|Scottish;Scot;Scots|
England||English;Englishman|
Wales|Cardiff|Welsh|
Northern Ireland|Belfast|Northern Irish|
Greenland|Nuuk|Greenlandic|
Puerto Rico|San Juan|Puerto Rican;Puerto Ricans|
Hong Kong|Hong Kong|Hong Konger|
Macau||Macanese|Macao
Soviet Union|Moscow|Soviet;Soviets|USSR;U.S.S.R.
Yugoslavia|Belgrade|Yugoslav;Yugoslavs|
Czechoslovakia|Prague|Czechoslovak|
"""

# other demonyms and groups (NORP): canonical = what they refer to
NORP_EXTRA = """
European;Europeans|Europe
African;Africans|Africa
Asian;Asians|Asia
Latin American;Latin Americans|Latin America
Arab;Arabs|Arab world
Kurdish;Kurd;Kurds|Kurds
Basque;Basques|Basque Country
Catalan;Catalans|Catalonia
Pashtun;Pashtuns|Pashtuns
Tamil;Tamils|Tamils
Uyghur;Uyghurs;Uighur;Uighurs|Uyghurs
Rohingya|Rohingya
Tatar;Tatars|Tatars
Chechen;Chechens|Chechnya
Flemish|Flanders
Walloon|Wallonia
Bavarian|Bavaria
Texan;Texans|Texas
Californian;Californians|California
Muslim;Muslims|Islam
Christian;Christians|Christianity
Jewish;Jew;Jews|Judaism
Catholic;Catholics|Catholicism
Protestant;Protestants|Protestantism
Hindu;Hindus|Hinduism
Buddhist;Buddhists|Buddhism
Sikh;Sikhs|Sikhism
Sunni;Sunnis|Sunni Islam
Shia;Shiite;Shiites;Shi'ite|Shia Islam
Orthodox|Orthodox Christianity
Evangelical;Evangelicals|Evangelicalism
Democrat;Democrats;Democratic|Democratic Party
Republican;Republicans|Republican Party
Conservative;Conservatives|Conservative Party
Labour|Labour Party
Tory;Tories|Conservative Party
Socialist;Socialists|Socialism
Communist;Communists|Communism
Liberal;Liberals|Liberalism
Bolshevik;Bolsheviks|Bolsheviks
Nazi;Nazis|Nazism
Taliban|Taliban
Houthi;Houthis|Houthis
Western|the West
Transatlantic;transatlantic|Transatlantic
Nordic|Nordic countries
Baltic|Baltic states
Scandinavian;Scandinavians|Scandinavia
Balkan|Balkans
Caucasian|Caucasus
Middle Eastern|Middle East
Persian|Iran
Hispanic;Hispanics|Hispanic
Latino;Latinos;Latina;Latinas|Latino
Indigenous|Indigenous peoples
Native American;Native Americans|Native Americans
"""

# LOC: continents, regions, seas, rivers, mountains (name | canonical)
REGIONS = """
Europe|Africa|Asia|Antarctica|Oceania|North America|South America|Latin America|Central America
Middle East|Near East|Far East|East Asia|South Asia|Southeast Asia|Central Asia|West Africa|East Africa
North Africa|Southern Africa|Sub-Saharan Africa|Horn of Africa|Sahel|Sahara|Maghreb|Levant|Balkans
Western Europe|Eastern Europe|Central Europe|Northern Europe|Southern Europe|Scandinavia|Baltics|Caucasus
South Caucasus|Indo-Pacific|Asia-Pacific|Asia Pacific|Pacific|Atlantic|Arctic|Antarctic|Mediterranean
Caribbean|Gulf|Persian Gulf|Arabian Gulf|Gulf of Mexico|Gulf of Aden|Gulf of Oman|Red Sea|Black Sea
Baltic Sea|North Sea|Caspian Sea|South China Sea|East China Sea|Sea of Japan|Sea of Azov|Aegean|Aegean Sea
Adriatic|Arabian Sea|Indian Ocean|Pacific Ocean|Atlantic Ocean|Arctic Ocean|Southern Ocean|Strait of Hormuz
Taiwan Strait|Bosphorus|Suez Canal|Panama Canal|Kerch Strait|English Channel|Strait of Malacca|Bab el-Mandeb
Korean Peninsula|Arabian Peninsula|Iberian Peninsula|Crimea|Donbas|Donbass|Gaza|Gaza Strip|West Bank|Golan Heights
Sinai|Kashmir|Tibet|Xinjiang|Nagorno-Karabakh|Transnistria|Abkhazia|South Ossetia|Kurdistan|Siberia|Patagonia
Amazon|Andes|Alps|Himalayas|Himalaya|Urals|Rockies|Rocky Mountains|Appalachia|Midwest|Silicon Valley
Wall Street|Capitol Hill|Main Street|Nile|Danube|Rhine|Mekong|Yangtze|Euphrates|Tigris|Jordan River|Mississippi River
Eurasia|Northern Hemisphere|Southern Hemisphere|Western Hemisphere|Global South|Greater Horn of Africa
Mount Everest|Kilimanjaro|Great Lakes|Lake Victoria|Lake Chad|Dead Sea|Western Balkans|Benelux|Americas
"""

CITIES = """
New York|New York City|Los Angeles|Chicago|Houston|Philadelphia|Phoenix|San Antonio|San Diego|Dallas|San Francisco
Austin|Seattle|Boston|Denver|Detroit|Atlanta|Miami|Baltimore|Pittsburgh|Cleveland|Minneapolis|St. Louis|New Orleans
Las Vegas|Portland|Nashville|Memphis|Milwaukee|Cincinnati|Kansas City|Sacramento|Honolulu|Anchorage|Buffalo|Tampa
Orlando|Charlotte|Raleigh|Richmond|Salt Lake City|Albuquerque|Tucson|El Paso|Oklahoma City|Indianapolis|Columbus
Louisville|Newark|Jersey City|Hartford|Providence|Annapolis|Arlington|Alexandria|Norfolk|Charleston|Savannah
Birmingham|Manchester|Liverpool|Leeds|Glasgow|Bristol|Oxford|Cambridge|Sheffield|Newcastle|Nottingham|Dover
Toronto|Montreal|Vancouver|Calgary|Quebec|Edmonton|Winnipeg|Halifax
Sydney|Melbourne|Brisbane|Perth|Adelaide|Auckland|Christchurch
Hamburg|Munich|Frankfurt|Cologne|Stuttgart|Dusseldorf|Düsseldorf|Leipzig|Dresden|Bonn|Hanover|Nuremberg|Bremen
Marseille|Lyon|Toulouse|Nice|Nantes|Strasbourg|Bordeaux|Lille|Geneva|Zurich|Zürich|Basel|Lausanne|Davos
Milan|Naples|Turin|Florence|Venice|Genoa|Bologna|Palermo|Barcelona|Valencia|Seville|Bilbao|Malaga|Porto
Rotterdam|Antwerp|Ghent|Gothenburg|Malmo|Malmö|Bergen|Aarhus|Tampere|Turku|Krakow|Kraków|Gdansk|Gdańsk|Wroclaw|Lodz
St. Petersburg|Saint Petersburg|Leningrad|Stalingrad|Volgograd|Novosibirsk|Yekaterinburg|Kazan|Sochi|Vladivostok|Kaliningrad
Kharkiv|Kharkov|Odesa|Odessa|Lviv|Dnipro|Donetsk|Luhansk|Mariupol|Kherson|Zaporizhzhia|Sevastopol|Simferopol|Bucha|Irpin
Grozny|Almaty|Samarkand|Batumi|Istanbul|Izmir|Antalya|Thessaloniki|Salonika|Jerusalem|Tel Aviv|Haifa|Gaza City|Bethlehem
Hebron|Jericho|Nablus|Aleppo|Homs|Idlib|Raqqa|Mosul|Basra|Erbil|Kirkuk|Fallujah|Tikrit|Mecca|Medina|Jeddah|Dubai|Sharjah
Isfahan|Mashhad|Tabriz|Qom|Kandahar|Herat|Mazar-i-Sharif|Jalalabad|Karachi|Lahore|Peshawar|Rawalpindi|Quetta
Mumbai|Bombay|Delhi|Kolkata|Calcutta|Chennai|Madras|Bangalore|Bengaluru|Hyderabad|Ahmedabad|Pune|Srinagar
Shanghai|Guangzhou|Shenzhen|Wuhan|Chengdu|Chongqing|Tianjin|Nanjing|Hangzhou|Xi'an|Harbin|Urumqi|Lhasa|Peking|Canton
Osaka|Kyoto|Yokohama|Nagoya|Hiroshima|Nagasaki|Sapporo|Fukushima|Kobe|Okinawa|Busan|Incheon
Ho Chi Minh City|Saigon|Da Nang|Haiphong|Yangon|Rangoon|Mandalay|Chiang Mai|Phuket|Surabaya|Bali|Cebu|Davao
Johannesburg|Durban|Soweto|Alexandria|Benghazi|Misrata|Casablanca|Marrakesh|Tangier|Timbuktu|Goma|Lubumbashi|Mombasa
Kano|Ibadan|Port Harcourt|Aden|Hodeidah|Marib|Darfur|Tigray|Mekelle
Sao Paulo|São Paulo|Rio de Janeiro|Rio|Salvador|Recife|Medellin|Medellín|Cali|Guadalajara|Monterrey|Tijuana|Juarez
Ciudad Juarez|Cancun|Acapulco|Valparaiso|Cordoba|Córdoba|Rosario|Guayaquil|Maracaibo|Cusco
Davos|Brussels|Strasbourg|Luxembourg|The Hague|Geneva|Vienna|Helsinki|Madrid|Glasgow|Sharm el-Sheikh|Camp David
"""

SUBDIV_TYPES = {"State", "Province", "Region", "Prefecture", "Land", "Autonomous community", "Canton",
                "Country", "Nation", "Autonomous region", "Federal district", "Governorate", "Republic",
                "Autonomous republic", "Territory", "Emirate", "Council area", "Two-tier county",
                "Metropolitan city", "Administrative region", "Capital district", "Capital territory"}

FIRST_EXTRA = """
Volodymyr Dmytro Sergey Sergei Vladimir Naftali Yair Benjamin Emmanuel Olaf Angela Boris Rishi Keir Liz Theresa
Justin Jacinda Narendra Shinzo Fumio Yoshihide Xi Li Wang Recep Tayyip Mevlut Mevlüt Hakan Ebrahim Hassan Javad
Hossein Ali Mohammad Mohammed Muhammad Ahmed Ahmad Abdullah Abdel Fattah Mahmoud Salman Tamim Faisal Ayman
Jens Ursula Josep Charles Annalena Heiko Frank-Walter Jean-Yves Catherine Stéphane Pedro Mario Giorgia Luigi
Antonio Sergio Mateusz Andrzej Zbigniew Viktor Peter Ann Magdalena Stefan Mette Jonas Sanna Pekka Kaja Gabrielius
Egils Krisjanis Edgars Ingrida Gitanas Alexander Aleksandr Alexei Alexey Dmitry Dmitri Mikhail Nikolai Yuri Yury
Maria Mariya Oleksiy Oleksii Andriy Andrii Petro Viktor Yulia Vitali Vitaliy Denys Mykola Olena Iryna Tatiana
Kassym-Jomart Nursultan Shavkat Emomali Ilham Nikol Ararat Irakli Salome Aleksandar Edi Milo Hashim Vjosa Albin
Kyriakos Nikos Alexis Mitsotakis Jair Luiz Inácio Lula Alberto Gustavo Andrés Manuel Nicolás Miguel Díaz-Canel
Nayib Gabriel Guillermo Iván Juan Dina Cyril Jacob Paul Uhuru William Abiy Yoweri Muhammadu Bola Macky Félix
Moussa Faki Kagame Tedros Antonio António Ban Kofi Mohamed Abdulaziz Yoon Suk-yeol Moon Jae-in Kim Jong-un
Prayut Joko Ferdinand Rodrigo Anwar Hun Sen Sheikh Hasina Imran Shehbaz Ashraf Ghani Hamid Kamala Joe Donald
Mike Antony Tony Lloyd Jake Ned Jen Karine Janet Gina Pete Xavier Alejandro Merrick Deb Tom Denis Marcia
Gavin Ron Greg Kathy Gretchen Andrew Kevin Nancy Chuck Mitch Hakeem Bernie Elizabeth Lindsey Ted Marco
"""

def norm_iso(name):
    # "Korea, Republic of" -> skip (short names come from COUNTRIES)
    if "," in name or "(" in name:
        return None
    return name

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iso-dir", default="/usr/share/iso-codes/json")
    ap.add_argument("--names-dir", default=None)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "config", "gazetteers"))
    a = ap.parse_args()
    iso1 = json.load(open(os.path.join(a.iso_dir, "iso_3166-1.json"), encoding="utf-8"))["3166-1"]
    iso2 = json.load(open(os.path.join(a.iso_dir, "iso_3166-2.json"), encoding="utf-8"))["3166-2"]
    rows = {}  # (name, cat) -> canonical
    def add(name, cat, canon):
        name = name.strip()
        if name and (name, cat) not in rows:
            rows[(name, cat)] = canon
    short = {}
    for line in COUNTRIES.strip().splitlines():
        c, caps, dems, aliases = (line.split("|") + ["", "", ""])[:4]
        add(c, "country", c)
        short[c] = c
        for al in filter(None, aliases.split(";")):
            add(al, "country", c)
        for cap in filter(None, caps.split(";")):
            add(cap, "city", cap)
        for d in filter(None, dems.split(";")):
            add(d, "demonym", c)
    # ISO names and official names; canonical = our short name when we know it
    for e in iso1:
        canon = e.get("common_name") or norm_iso(e["name"]) or e["name"]
        for k in ("name", "common_name", "official_name"):
            n = e.get(k)
            if n and norm_iso(n):
                n = re.sub(r"^the ", "", n)
                add(n, "country", short.get(canon, canon))
    with open(os.path.join(a.out, "countries.tsv"), "w", encoding="utf-8") as f:
        f.write("# generated by scripts/gen_gazetteers.py: ISO 3166-1 (iso-codes, LGPL-2.1+) + own aliases, capitals, demonyms\n")
        for (n, cat), canon in sorted(rows.items()):
            f.write(f"{n}\t{cat}\t{canon}\n")
    places = {}
    for block, cat in ((CITIES, "city"), (REGIONS, "region")):
        for n in re.split(r"[|\n]", block):
            n = n.strip()
            if n and (n, "city") not in rows:
                places[(n, cat)] = "Persian Gulf" if n in ("Gulf", "Arabian Gulf") else n
    for line in NORP_EXTRA.strip().splitlines():
        names, canon = line.split("|")
        for n in names.split(";"):
            places[(n, "demonym")] = canon
    with open(os.path.join(a.out, "places.tsv"), "w", encoding="utf-8") as f:
        f.write("# generated by scripts/gen_gazetteers.py: cities, regions, seas (own work); groups (NORP)\n")
        for (n, cat), canon in sorted(places.items()):
            f.write(f"{n}\t{cat}\t{canon}\n")
    subs = set()
    for e in iso2:
        n = e["name"]
        if e["type"] not in SUBDIV_TYPES or "," in n or "(" in n or "'" in n or "/" in n:
            continue
        if any(w[0].islower() for w in n.split() if w not in ("de", "del", "la", "di", "of", "and", "du", "des", "da", "do", "dos", "el", "al", "and")):
            continue
        subs.add(n)
    with open(os.path.join(a.out, "subdivisions.tsv"), "w", encoding="utf-8") as f:
        f.write("# generated by scripts/gen_gazetteers.py: ISO 3166-2 subdivision names (iso-codes, LGPL-2.1+), filtered\n")
        for n in sorted(subs):
            f.write(f"{n}\tsubdivision\n")
    firsts = set(FIRST_EXTRA.split())
    surnames = []
    if a.names_dir:
        for fn in ("dist.male.first", "dist.female.first"):
            for line in open(os.path.join(a.names_dir, fn)):
                firsts.add(line.split()[0].capitalize())
        for i, line in enumerate(open(os.path.join(a.names_dir, "dist.all.last"))):
            if i >= 10000:
                break
            surnames.append(line.split()[0].capitalize())
    with open(os.path.join(a.out, "first_names.tsv"), "w", encoding="utf-8") as f:
        f.write("# generated by scripts/gen_gazetteers.py: US Census 1990 first names and the 10,000 most\n"
                "# frequent surnames (public domain, via PyPI `names` 0.3.0) + international first names (own work)\n")
        for n in sorted(firsts):
            f.write(f"{n}\tfirstname\n")
        for n in surnames:
            f.write(f"{n}\tsurname\n")
    print(len(rows), len(places), len(subs), len(firsts), len(surnames), file=sys.stderr)

if __name__ == "__main__":
    main()
