## पेजों के शब्द। यहाँ की हर id अंग्रेज़ी pages.ftl में भी है।

## ढाँचा
shell-skip = सीधे सामग्री पर जाएँ
shell-switch-business = व्यवसाय बदलें
shell-your-businesses = आपके व्यवसाय
shell-add-business = व्यवसाय जोड़ें
shell-menu = मेनू
shell-business-nav = यह व्यवसाय
shell-main-nav = मुख्य
shell-account-nav = आपका खाता
shell-tagline = GST बिलिंग और लेखा
shell-language = भाषा
shell-language-apply = बदलें
nav-dashboard = डैशबोर्ड
nav-members = सदस्य
nav-audit = ऑडिट लॉग
nav-settings = सेटिंग्स
nav-businesses = आपके व्यवसाय
nav-account = खाता
nav-tokens = API टोकन
nav-admin = प्लेटफ़ॉर्म प्रशासन
nav-sign-out = साइन आउट
nav-sign-in = साइन इन
nav-sign-up = खाता बनाएँ

## फ़ॉर्म
form-errors-title = कृपया इन्हें ठीक करें
form-optional = (वैकल्पिक)
form-cancel = रद्द करें
form-copy = कॉपी करें
form-copied = कॉपी हो गया
form-password-again = आपकी सुरक्षा के लिए पासवर्ड नहीं रखा गया: उसे फिर से लिखें।
form-passwords-again = आपकी सुरक्षा के लिए पासवर्ड नहीं रखे गए: उन्हें फिर से लिखें।
label-name = नाम
label-email = ईमेल
label-password = पासवर्ड
label-current_password = वर्तमान पासवर्ड
label-new_password = नया पासवर्ड
label-organisation-legal_name = क़ानूनी नाम
label-organisation-gstin = GSTIN
label-organisation-state_code = राज्य
label-legal_name = क़ानूनी नाम
label-trade_name = व्यापारिक नाम
label-gstin = GSTIN
label-state_code = राज्य
label-address = पता
label-phone = फ़ोन
label-time_zone = समय-क्षेत्र
label-reason = कारण
label-role = भूमिका
label-expires_in_days = समाप्ति
label-upi_vpa = UPI ID

## भूमिकाएँ
role-owner = मालिक
role-admin = एडमिन
role-accountant = अकाउंटेंट
role-viewer = दर्शक
role-owner-means = मालिक — सब कुछ कर सकता है, दूसरे मालिक जोड़ना और हटाना भी
role-admin-means = एडमिन — सदस्यों और सेटिंग्स का प्रबंधन करता है
role-accountant-means = अकाउंटेंट — दस्तावेज़ बना और जारी कर सकता है
role-viewer-means = दर्शक — देख सकता है, बदल नहीं सकता
role-owner-in-sentence = मालिक
role-admin-in-sentence = एडमिन
role-accountant-in-sentence = अकाउंटेंट
role-viewer-in-sentence = दर्शक

## तारीख़ और समय
month-1 = जन॰
month-2 = फ़र॰
month-3 = मार्च
month-4 = अप्रैल
month-5 = मई
month-6 = जून
month-7 = जुल॰
month-8 = अग॰
month-9 = सित॰
month-10 = अक्टू॰
month-11 = नव॰
month-12 = दिस॰
time-am = पूर्वाह्न
time-pm = अपराह्न

## मुखपृष्ठ
home-title = GST बिलिंग और लेखा
home-heading = भारतीय व्यवसायों के लिए GST बिलिंग और लेखा
home-lead = bahi आपके व्यवसाय का विवरण, आपकी टीम और ऐसा ऑडिट रिकॉर्ड रखता है जिसे कोई चुपचाप बदल नहीं सकता — अंग्रेज़ी या हिन्दी में, फ़ोन पर या कंप्यूटर पर।
home-sign-up = अपना मुफ़्त खाता बनाएँ
home-sign-in = साइन इन
home-go-to-businesses = अपने व्यवसायों पर जाएँ
home-today-title = आज आप क्या कर सकते हैं
home-today-businesses = एक ही लॉगिन में एक या कई व्यवसाय रखें; हर एक का GSTIN और राज्य लिखते ही जाँचा जाता है।
home-today-team = अपने अकाउंटेंट और कर्मचारियों को उतनी भूमिका के साथ बुलाएँ जितनी ज़रूरी हो।
home-today-audit = हर बदलाव ऑडिट लॉग में देखें, जो साबित करता है कि उसमें कोई हेरफेर नहीं हुआ।
home-today-api = API टोकन से अपना सॉफ़्टवेयर जोड़ें।
home-languages-title = आपकी भाषा में
home-languages = हर पेज अंग्रेज़ी और हिन्दी बोलता है; किसी भी पेज के नीचे चुनें।
home-integrators = सॉफ़्टवेयर डेवलपरों के लिए: JSON API का विवरण यहाँ है

## साइन-अप और साइन-इन
signup-title = खाता बनाएँ
signup-heading = अपना bahi खाता बनाएँ
signup-you = आप
signup-business = आपका व्यवसाय
signup-password-hint = (कम से कम 10 अक्षर; कई शब्दों का वाक्यांश अच्छा रहता है)
signup-state-hint = (GSTIN न हो तो आवश्यक)
signup-state-from-gstin = — GSTIN से —
signup-submit = खाता बनाएँ
signup-have-account = पहले से खाता है?
login-title = साइन इन
login-heading = bahi में साइन इन करें
login-expired = कुछ देर उपयोग न होने पर आपको साइन आउट कर दिया गया। आगे बढ़ने के लिए फिर से साइन इन करें।
login-submit = साइन इन
login-new = bahi पर नए हैं?

## व्यवसाय
businesses-title = आपके व्यवसाय
businesses-heading = आपके व्यवसाय
businesses-none = आप अभी किसी व्यवसाय से नहीं जुड़े हैं
businesses-none-hint = अपना व्यवसाय जोड़ें, या उसके मालिक से निमंत्रण माँगें।
org-new-title = व्यवसाय जोड़ें
org-new-heading = व्यवसाय जोड़ें
org-new-lead = CA फ़र्म या कई व्यवसायों वाला परिवार सबको एक ही लॉगिन में रखता है; किसी भी पेज के ऊपर से उनके बीच बदलें।
org-new-submit = व्यवसाय जोड़ें
org-not-registered = पंजीकृत नहीं
org-your-role = आपकी भूमिका

## पहली बार की सूची
checklist-title = आपके अगले क़दम
checklist-lead = पहले ये कुछ चीज़ें तैयार कर लें।
checklist-done = पूरा
checklist-details = अपने व्यवसाय का विवरण पूरा करें
checklist-details-why = आपका पता, फ़ोन और ईमेल, व्यवसाय के GSTIN के साथ।
checklist-team = अपने अकाउंटेंट या कर्मचारियों को बुलाएँ
checklist-team-why = हर व्यक्ति अपने नाम से साइन इन करता है, केवल उतने अधिकारों के साथ जितने उसकी भूमिका देती है।
checklist-another = एक और व्यवसाय जोड़ें
checklist-another-why = CA फ़र्म और कई व्यवसायों के मालिक सबको एक ही लॉगिन में रखते हैं।
checklist-all-done = आज जो कुछ तैयार किया जा सकता है, सब तैयार है।

## सेटिंग्स
settings-title = सेटिंग्स
settings-heading = व्यवसाय की सेटिंग्स
settings-names = आपके दस्तावेज़ों पर छपने वाला विवरण
settings-save = सेटिंग्स सहेजें
settings-read-only = ये सेटिंग्स केवल एडमिन और मालिक बदल सकते हैं।

## सदस्य
members-title = सदस्य
members-heading = { $name } के सदस्य
members-role = भूमिका
members-change = कार्य
members-role-of = { $name } की भूमिका
members-save-role = भूमिका सहेजें
members-remove = हटाएँ
members-last-owner = एकमात्र मालिक: इसे बदलने से पहले किसी और को मालिक बनाएँ।
members-owner-only = मालिक: इसे केवल दूसरा मालिक बदल सकता है।
members-roles-title = हर भूमिका क्या कर सकती है
members-invite-title = किसी को बुलाएँ
members-invite-submit = निमंत्रण बनाएँ
members-link-created = निमंत्रण बन गया। यह लिंक उस व्यक्ति को भेजें जिसे आपने बुलाया है (यह 7 दिन तक, एक बार काम करता है):
members-link-label = निमंत्रण लिंक
members-share-whatsapp = WhatsApp पर भेजें
members-whatsapp-text = आपको bahi पर { $name } में बुलाया गया है। यहाँ स्वीकार करें: { $link }
members-open-title = खुले निमंत्रण
members-valid-until = कब तक मान्य
members-expired-on = { $when } को समाप्त
members-resend = दोबारा भेजें (नया लिंक)
members-revoke = रद्द करें

## पुष्टि
confirm-remove-title = { $name } को हटाएँ?
confirm-remove-why = { $name } अब { $org } का कुछ भी देख या बदल नहीं पाएँगे। आप उन्हें बाद में फिर बुला सकते हैं।
confirm-remove-button = { $name } को हटाएँ
confirm-revoke-invitation-title = { $email } का निमंत्रण रद्द करें?
confirm-revoke-invitation-why = लिंक तुरंत काम करना बंद कर देगा। आप उस पते को फिर से बुला सकते हैं।
confirm-revoke-token-title = टोकन “{ $name }” रद्द करें?
confirm-revoke-token-why = इसका उपयोग करने वाले प्रोग्राम तुरंत काम करना बंद कर देंगे। इसे वापस नहीं किया जा सकता; आप नया टोकन बना सकते हैं।
confirm-suspend-title = { $name } को निलंबित करें?
confirm-suspend-why = बहाल होने तक इसके सदस्यों को हर चीज़ से मना कर दिया जाएगा। कारण बताएँ: वह ऑडिट रिकॉर्ड में दर्ज होगा।

## सूचनाएँ
notice-settings-saved = { $name } की सेटिंग्स सहेज दी गईं।
notice-business-added = { $name } जोड़ दिया गया। आप इसके मालिक हैं।
notice-member-removed = { $name } को हटा दिया गया।
notice-role-changed = { $name } अब { $role } हैं।
notice-invitation-revoked = { $email } का निमंत्रण रद्द कर दिया गया।
notice-token-revoked = टोकन रद्द कर दिया गया।
notice-suspended = { $name } को निलंबित कर दिया गया।
notice-reinstated = { $name } को बहाल कर दिया गया।

## ऑडिट लॉग
audit-title = ऑडिट लॉग
audit-heading = { $name } का ऑडिट लॉग
audit-verified = सबसे हाल की { $count } प्रविष्टियों की शृंखला सत्यापित है: कोई प्रविष्टि बदली, हटाई या आगे-पीछे नहीं की गई।
audit-broken = ऑडिट शृंखला सत्यापित नहीं होती:
audit-empty = अभी तक कुछ नहीं हुआ है।
audit-when = कब
audit-who = किसने
audit-what = क्या हुआ
audit-address = पता
audit-pages = पुरानी प्रविष्टियाँ
audit-older = पुरानी प्रविष्टियाँ →
audit-user-signup = साइन अप किया और { $org } बनाया
audit-user-login = साइन इन किया
audit-user-login-failed = { $email } के रूप में साइन इन विफल रहा
audit-user-logout = साइन आउट किया
audit-user-password-change = अपना पासवर्ड बदला
audit-user-password-reset = { $email } का पासवर्ड रीसेट किया गया
audit-token-create = API टोकन “{ $name }” बनाया
audit-token-revoke = एक API टोकन रद्द किया
audit-member-invite = { $email } को { $role } के रूप में बुलाया
audit-member-invite-resend = { $email } का निमंत्रण दोबारा भेजा
audit-member-invite-revoke = { $email } का निमंत्रण रद्द किया
audit-member-join = { $email } { $role } के रूप में जुड़े
audit-member-role-change = { $email } की भूमिका { $from } से { $to } की
audit-member-remove = { $email } ({ $role }) को हटाया
audit-organisation-create = व्यवसाय { $name } जोड़ा
audit-organisation-update = व्यवसाय की सेटिंग्स बदलीं
audit-organisation-suspend = व्यवसाय निलंबित किया गया: { $reason }
audit-organisation-unsuspend = व्यवसाय बहाल किया गया
audit-organisation-seed = डेमो डेटा जोड़ा गया
audit-party-create = पक्ष { $name } जोड़ा
audit-party-update = पक्ष { $name } बदला
audit-party-archive = पक्ष { $name } संग्रहित किया
audit-party-restore = पक्ष { $name } वापस लाया
audit-party-delete = पक्ष { $name } हटाया
audit-item-create = वस्तु { $name } जोड़ी
audit-item-update = वस्तु { $name } बदली
audit-item-archive = वस्तु { $name } संग्रहित की
audit-item-restore = वस्तु { $name } वापस लाई
audit-item-delete = वस्तु { $name } हटाई
audit-invoice-create = { $customer } के लिए { $total } का मसौदा बनाया
audit-invoice-update = { $customer } का मसौदा बदला
audit-invoice-issue = { $customer } को { $total } का { $number } जारी किया
audit-invoice-void = { $number } रद्द किया ({ $customer }, { $total })
audit-invoice-delete = { $customer } का मसौदा हटाया
audit-note-issue = { $customer } को { $total } का नोट { $number } जारी किया
audit-period-file = { $period } का { $return } दाख़िल चिह्नित किया
audit-period-reopen = { $period } का { $return } फिर से खोला
audit-bill-create = { $vendor } का { $total } का बिल { $number } दर्ज किया
audit-bill-void = { $vendor } का बिल { $number } रद्द किया
audit-payment-create = { $party } के साथ { $amount } का भुगतान ({ $direction }) दर्ज किया
audit-payment-allocate = एक भुगतान में से { $amount } बाँटा
audit-payment-void = { $amount } का भुगतान रद्द किया
audit-platform-admin-grant = { $email } को प्लेटफ़ॉर्म प्रशासक बनाया गया

## निमंत्रण
invitation-title = { $name } से जुड़ें
invitation-invited-as = आपको इस भूमिका में बुलाया गया है:
invitation-with-email = , इस ईमेल के साथ:
invitation-accept = स्वीकार करें और { $name } से जुड़ें
invitation-signed-in-as = आप { $email } के रूप में साइन इन हैं।
invitation-sign-out-first = स्वीकार करने के लिए साइन आउट करें और { $email } से साइन इन करें।
invitation-have-account = पहले से bahi खाता है?
invitation-sign-in = स्वीकार करने के लिए साइन इन करें
invitation-new = bahi पर नए हैं?
invitation-choose-password = पासवर्ड चुनें
invitation-create = मेरा खाता बनाएँ और जुड़ें

## खाता
account-title = आपका खाता
account-heading = आपका खाता
account-signed-in-as = इस रूप में साइन इन:
account-password-title = अपना पासवर्ड बदलें
account-password-changed = पासवर्ड बदल गया। आपके बाक़ी सभी सत्र साइन आउट कर दिए गए ({ $sessions })।
account-tokens-revoked = { $tokens } API टोकन रद्द कर दिए गए।
account-revoke-tokens = मेरे { $tokens } API टोकन भी रद्द करें (इनका उपयोग करने वाले प्रोग्राम काम करना बंद कर देंगे)
account-change-password = पासवर्ड बदलें

## API टोकन
tokens-title = API टोकन
tokens-lead = प्रोग्राम (Tally सिंक, आपकी अपनी स्क्रिप्ट) टोकन से आपके हर व्यवसाय में आपकी ओर से काम करते हैं:
tokens-copy-now = अपना नया टोकन अभी कॉपी करें। यह दोबारा नहीं दिखाया जाएगा:
tokens-none = अभी कोई API टोकन नहीं
tokens-none-hint = जब किसी प्रोग्राम को आपकी ओर से bahi के साथ काम करना हो, तब एक बनाएँ।
tokens-starts-with = शुरुआत
tokens-created = बना
tokens-last-used = अंतिम उपयोग
tokens-expires = समाप्ति
tokens-never-used = कभी नहीं
tokens-no-expiry = कभी नहीं (रद्द होने तक)
tokens-revoke = रद्द करें
tokens-new = नया टोकन
tokens-name-hint = (इसका उपयोग क्या करेगा, जैसे "Tally सिंक")
tokens-never = कभी नहीं (जब तक आप रद्द न करें)
tokens-in-days = { $days } दिन में
tokens-in-a-year = एक साल में
tokens-create = टोकन बनाएँ

## प्लेटफ़ॉर्म प्रशासन
admin-title = प्लेटफ़ॉर्म प्रशासन
admin-business = व्यवसाय
admin-since = कब से
admin-status = स्थिति
admin-active = सक्रिय
admin-suspended = निलंबित
admin-suspend = निलंबित करें
admin-reinstate = बहाल करें

## गड़बड़ी के पेज
error-title-forbidden = अनुमति नहीं
error-title-not-found = पेज नहीं मिला
error-title-conflict = यह अभी नहीं हो सकता
error-title-too-many = बहुत अधिक प्रयास
error-title-unavailable = bahi अभी उपलब्ध नहीं है
error-title-server = कुछ गड़बड़ हो गई
error-title-other = यह काम नहीं हुआ
error-not-found = इस पते पर कोई पेज नहीं है। हो सकता है वह हट गया हो, या लिंक ग़लत लिखा गया हो।
error-try-again = वापस जाएँ और फिर से कोशिश करें।
error-back-to = { $name } पर वापस जाएँ
error-your-businesses = आपके व्यवसाय
error-home = मुखपृष्ठ पर जाएँ

## Lists and forms shared by every area
form-save = सहेजें
form-choose = चुनें…
list-show-archived = संग्रहित भी दिखाएँ
list-search = खोजें
list-none-found = इस खोज से कुछ नहीं मिला।
list-clear = खोज हटाएँ
list-archived = संग्रहित
list-pages = और पन्ने
list-next = अगला पन्ना →
list-archive = संग्रहित करें
list-restore = वापस लाएँ
list-delete = हटाएँ…

## Parties
nav-parties = पक्ष
parties-title = पक्ष
parties-heading = ग्राहक और विक्रेता
parties-add = पक्ष जोड़ें
parties-search = नाम या GSTIN
parties-all = ग्राहक और विक्रेता
parties-none = अभी कोई ग्राहक या विक्रेता नहीं
parties-none-hint = जिन लोगों और व्यवसायों को आप बेचते हैं और जिनसे ख़रीदते हैं, उन्हें जोड़ें; उनका GSTIN और राज्य तय करते हैं कि हर इनवॉइस पर कर कैसे लगेगा।
party-new-title = नया पक्ष
party-add = पक्ष जोड़ें
party-who = ये कौन हैं
party-tax = GST पंजीकरण
party-contact = संपर्क
party-address = बिलिंग पता
party-gstin-hint = (राज्य इसी से लिया जाता है)
party-state-hint = (बिना GSTIN वाले पक्ष के लिए)
party-country-hint = (विदेश के पक्ष के लिए)
party-keep-or-remove = संग्रहित करें या हटाएँ
party-archive-why = जिस पक्ष से अब लेन-देन नहीं होता, उसे संग्रहित करें: वह अपने दस्तावेज़ों पर बना रहेगा और आपकी सूचियों से हट जाएगा। केवल वही पक्ष हटाया जा सकता है जो किसी दस्तावेज़ पर नहीं है।
party-kind-customer = ग्राहक
party-kind-vendor = विक्रेता
party-kind-both = ग्राहक और विक्रेता
registration-regular = पंजीकृत (नियमित)
registration-composition = पंजीकृत (कंपोज़िशन)
registration-uin = UIN धारक (दूतावास, UN संस्था)
registration-sez = SEZ इकाई या डेवलपर
registration-unregistered = अपंजीकृत
registration-overseas = विदेशी
label-kind = प्रकार
label-registration = पंजीकरण
label-country = देश
label-billing_address-line1 = पता पंक्ति 1
label-billing_address-line2 = पता पंक्ति 2
label-billing_address-city = शहर
label-billing_address-pincode = पिन कोड
label-billing_address-state_code = राज्य
notice-party-added = { $name } जोड़ा गया।
notice-party-saved = { $name } का विवरण सहेजा गया।
notice-party-archived = { $name } संग्रहित किया गया। यह अपने दस्तावेज़ों पर बना रहेगा।
notice-party-restored = { $name } फिर से आपकी सूचियों में है।
notice-party-deleted = { $name } हटाया गया।
confirm-delete-party-title = { $name } को हटाएँ?
confirm-delete-party-why = पक्ष और उसका विवरण हटा दिया जाएगा। जिस पक्ष का नाम दस्तावेज़ों पर है, उसे हटाया नहीं जा सकता; उसे संग्रहित करें।
confirm-delete-party = { $name } को हटाएँ

## Items
nav-items = वस्तुएँ
items-title = वस्तुएँ
items-heading = सामान और सेवाएँ
items-add = वस्तु जोड़ें
items-search = नाम या HSN/SAC
items-all = सामान और सेवाएँ
items-none = अभी कोई वस्तु नहीं
items-none-hint = आप जो बेचते और ख़रीदते हैं, उसे उसके HSN या SAC कोड, इकाई, मूल्य और GST दर के साथ जोड़ें; इनवॉइस की पंक्तियाँ इन्हीं से शुरू होती हैं।
item-new-title = नई वस्तु
item-add = वस्तु जोड़ें
item-no-unit = कोई इकाई नहीं (सेवाएँ)
item-hsn-hint = (4, 6 या 8 अंक; सेवाएँ 99 से शुरू होती हैं)
item-unit-hint = (GST इकाई; सेवाओं में न हो तो भी चलेगा)
item-price-hint = (कर से पहले, रुपयों में)
item-cess-hint = (क्षतिपूर्ति उपकर, प्रतिशत)
item-archive-why = जो वस्तु अब नहीं बेचते, उसे संग्रहित करें: वह अपने दस्तावेज़ों पर बनी रहेगी और आपकी सूचियों से हट जाएगी। केवल वही वस्तु हटाई जा सकती है जो किसी दस्तावेज़ पर नहीं है।
item-kind-goods = सामान
item-kind-services = सेवाएँ
treatment-taxable = करयोग्य
treatment-nil-rated = शून्य दर
treatment-exempt = छूट प्राप्त
treatment-non-gst = GST से बाहर
label-hsn_sac = HSN/SAC
label-unit = इकाई
label-price = मूल्य
label-gst_rate = GST दर
label-treatment = कर व्यवहार
label-cess_rate = उपकर दर
notice-item-added = { $name } जोड़ी गई।
notice-item-saved = { $name } सहेजी गई।
notice-item-archived = { $name } संग्रहित की गई। यह अपने दस्तावेज़ों पर बनी रहेगी।
notice-item-restored = { $name } फिर से आपकी सूचियों में है।
notice-item-deleted = { $name } हटाई गई।
confirm-delete-item-title = { $name } को हटाएँ?
confirm-delete-item-why = वस्तु हटा दी जाएगी। जिस वस्तु का नाम दस्तावेज़ों पर है, उसे हटाया नहीं जा सकता; उसे संग्रहित करें।
confirm-delete-item = { $name } को हटाएँ
