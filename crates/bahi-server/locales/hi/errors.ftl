## गड़बड़ी के संदेश: फ़ील्ड के संदेश फ़ील्ड के नाम के बाद आते हैं ("ईमेल आवश्यक है");
## बाक़ी पूरे वाक्य हैं।

## फ़ील्ड
field-required = आवश्यक है
field-too-long = अधिकतम { $max } अक्षरों का होना चाहिए
field-control-characters = में नियंत्रण-अक्षर नहीं होने चाहिए
field-taken = पहले से उपयोग में है
field-refers-to-nothing = किसी ऐसे रिकॉर्ड की ओर इशारा करता है जो मौजूद नहीं है
email-invalid = name@example.com जैसा ईमेल पता होना चाहिए
email-registered = का bahi खाता पहले से है; उसी से साइन इन करें
password-too-short = कम से कम { $min } अक्षरों का होना चाहिए
password-too-long = अधिकतम { $max } अक्षरों का होना चाहिए
password-guessable = का अनुमान लगाना आसान है: { $hint }
password-not-current = आपका वर्तमान पासवर्ड नहीं है
upi-invalid = shop@okbank जैसी UPI ID होनी चाहिए
token-expiry-range = 1 से { $max } दिन होना चाहिए, या बिना समाप्ति के लिए ख़ाली छोड़ें
already-member = पहले से सदस्य है
invitation-open = को पहले से खुला निमंत्रण भेजा गया है; उसे दोबारा भेजें या रद्द करें
phone-invalid = +91 98765 43210 जैसा फ़ोन नंबर होना चाहिए
time-zone-unknown = bahi में उपलब्ध समय-क्षेत्र नहीं है

## GSTIN और राज्य (GST.md §3)
gstin-empty = GSTIN ख़ाली है
gstin-length = GSTIN { $gstin } में 15 अक्षर होने चाहिए, { $count } नहीं
gstin-characters = GSTIN { $gstin } में केवल A-Z अक्षर और 0-9 अंक हो सकते हैं
gstin-shape = GSTIN { $gstin } किसी GSTIN के ढाँचे से मेल नहीं खाता (राज्य कोड, PAN, इकाई संख्या, Z, जाँच अक्षर)
gstin-state = GSTIN { $gstin }: { $reason }
gstin-other-countries = GSTIN { $gstin }: राज्य कोड 96 निर्यात के लिए है, कोई GSTIN इससे शुरू नहीं होता
gstin-check-character = GSTIN { $gstin }: जाँच अक्षर { $expected } होना चाहिए
gstin-state-digits = GSTIN { $gstin }: पहले दो अक्षर राज्य कोड के अंक होने चाहिए
gstin-pan-shape = GSTIN { $gstin }: अक्षर 3 से 12 एक PAN होने चाहिए — पाँच अक्षर, चार अंक और एक अक्षर
gstin-pan-holder = GSTIN { $gstin }: PAN का चौथा अक्षर { $letter } किसी धारक का प्रकार नहीं बताता (P, C, H, F, A, T, B, L, J या G)
gstin-pan-serial = GSTIN { $gstin }: PAN की क्रम संख्या 0000 नहीं होती (यह 0001 से 9999 तक होती है)
gstin-entity-number = GSTIN { $gstin }: 13वाँ अक्षर, PAN के तहत पंजीकरण की संख्या, 0 नहीं हो सकता
gstin-fourteenth = GSTIN { $gstin }: 14वाँ अक्षर करदाता के लिए Z होना चाहिए (ई-कॉमर्स ऑपरेटर के लिए C, कर कटौतीकर्ता के लिए D), { $letter } नहीं
gstin-not-own = { $gstin } { $kind } है, किसी व्यवसाय का अपना GSTIN नहीं
state-invalid = { $reason }
state-required = GSTIN न होने पर आवश्यक है
state-other-countries = 96 (अन्य देश) ऐसा राज्य नहीं है जिसमें कोई व्यवसाय पंजीकृत हो
state-not-gstin = GSTIN { $gstin_state } में पंजीकृत है, { $state } में नहीं

## अनुमति नहीं
org-suspended = यह व्यवसाय निलंबित है। प्लेटफ़ॉर्म प्रशासक से संपर्क करें।
role-too-low = इसके लिए { $needed } या उससे ऊँची भूमिका चाहिए; आपकी भूमिका { $have } है।
platform-admins-only = यह केवल प्लेटफ़ॉर्म प्रशासक कर सकते हैं।
owners-only-grant-owner = किसी को मालिक केवल मालिक ही बना सकता है।
invitation-other-address = यह निमंत्रण किसी दूसरे ईमेल पते के लिए है। साइन आउट करें, फिर निमंत्रित पते से साइन इन करके स्वीकार करें।
demo-refused-in-production = प्रोडक्शन में अस्वीकार (डेमो खातों के पासवर्ड छापे जाते हैं)

## अभी संभव नहीं
conflict-exists = यह रिकॉर्ड पहले से मौजूद है।
conflict-in-use = यह रिकॉर्ड अभी उपयोग में है ({ $by }) और हटाया नहीं जा सकता।
conflict-reference = कोई संबंधित रिकॉर्ड गायब है या उपयोग में है; पेज दोबारा खोलकर फिर से कोशिश करें।
invitation-used = यह निमंत्रण पहले ही उपयोग हो चुका है।
invitation-expired = इस निमंत्रण की अवधि समाप्त हो गई है; नया निमंत्रण माँगें।
last-owner-demote = अंतिम मालिक की भूमिका घटाई नहीं जा सकती; पहले किसी और को मालिक बनाएँ।
last-owner-remove = अंतिम मालिक को हटाया नहीं जा सकता।
demo-already-seeded = { $email } पहले से मौजूद है: डेमो पहले ही जोड़ा जा चुका है

## API और पेजों के उत्तर
problem-sign-in = पहले साइन इन करें।
problem-fields = कुछ फ़ील्ड सही नहीं हैं।
problem-duplicate = जो मान अनोखा होना चाहिए, वह पहले से लिया जा चुका है।
problem-wrong-credentials = ईमेल या पासवर्ड ग़लत है।
problem-too-many = बहुत अधिक प्रयास। { $minutes } मिनट बाद फिर कोशिश करें।
problem-unavailable = डेटाबेस व्यस्त है या पहुँच से बाहर है। कुछ सेकंड बाद फिर कोशिश करें।
problem-upgrading = bahi का नवीनीकरण हो रहा है: इसके डेटाबेस माइग्रेशन अभी लागू नहीं हुए हैं। थोड़ी देर बाद फिर कोशिश करें।
problem-no-endpoint = { $path } पर कोई API नहीं है।
problem-not-json = बॉडी JSON में भेजें, Content-Type: application/json के साथ।
problem-bad-json = बॉडी मान्य JSON नहीं है: { $reason }।
problem-bad-id = पते में `{ $name }` 0193a2b4-7c1d-7e2f-8a9b-0c1d2e3f4a5b जैसी id होनी चाहिए।
problem-bad-address = पते का एक हिस्सा यहाँ मान्य नहीं है।
csrf-other-site = अनुरोध अस्वीकार: यह किसी दूसरी साइट से आया है।
csrf-other-origin = अनुरोध अस्वीकार: इसका मूल यह साइट नहीं है।
csrf-wrong = अनुरोध अस्वीकार: CSRF टोकन ग़लत है।
csrf-missing = अनुरोध अस्वीकार: CSRF टोकन नहीं है।
limit-range = 1 से { $max } के बीच होना चाहिए
cursor-invalid = पिछले पेज का कर्सर नहीं है
json-one-of = इनमें से एक होना चाहिए: { $choices }
json-unknown-field = यहाँ कोई फ़ील्ड नहीं है: { $name }
json-invalid-type = ग़लत प्रकार: { $got }, चाहिए { $expected }
json-wrong-count = में मदों की संख्या ग़लत है
json-whole-number = पूर्ण संख्या होनी चाहिए
json-not-valid = यहाँ मान्य नहीं है

## Parties and items
pincode-invalid = छह अंकों का होना चाहिए, 0 से शुरू नहीं
party-state-other-countries = 96 (अन्य देश) नहीं हो सकता: विदेश के ख़रीदार या विक्रेता के लिए पंजीकरण “overseas” चुनें
party-overseas-no-state = विदेशी पक्ष के लिए नहीं होता: इसे ख़ाली छोड़ें और देश बताएँ
party-state-required = बिना GSTIN वाले पक्ष के लिए ज़रूरी है (इसी से आपूर्ति का स्थान तय होता है)
party-country-required = विदेशी पक्ष के लिए ज़रूरी है
party-gstin-required = { $registration } पक्ष के लिए GSTIN ज़रूरी है; न हो तो “unregistered” चुनें
party-gstin-not-expected = अपंजीकृत या विदेशी पक्ष का GSTIN नहीं होता: इसे हटाएँ, या पंजीकरण फिर से चुनें
party-gstin-wrong-registration = GSTIN { $gstin } { $kind } है, जो { $registration } पक्ष के लिए सही नहीं है
party-gstin-taken = इस व्यवसाय के किसी और पक्ष का यही GSTIN है
party-in-use = यह पक्ष दस्तावेज़ों पर है, इसलिए हटाया नहीं जा सकता। इसे संग्रहित करें: यह उन दस्तावेज़ों पर बना रहेगा और आपकी सूचियों से हट जाएगा।
hsn-digits = केवल अंक होने चाहिए: 4, 6 या 8
hsn-length = में 4, 6 या 8 अंक होने चाहिए, { $count } नहीं
hsn-service-for-goods = { $code } सेवा का कोड है (SAC कोड 99 से शुरू होते हैं); सामान के लिए HSN चाहिए
hsn-goods-for-service = { $code } सामान का HSN है; सेवा के कोड (SAC) 99 से शुरू होते हैं
rate-not-gst = GST दर होनी चाहिए: { $date } को { $rate }% कोई दर नहीं है (दरें 0, 0.1, 0.25, 1, 1.5, 3, 5, 6, 7.5, 12, 18, 28 और 22 सितंबर 2025 से 40 हैं)
rate-invalid = 18 या 0.25 जैसा प्रतिशत होना चाहिए
rate-not-taxable = { $treatment } वस्तु के लिए 0 होनी चाहिए
cess-ended = ख़ाली होना चाहिए: क्षतिपूर्ति उपकर 1 फ़रवरी 2026 को समाप्त हो गया
cess-only-tobacco = 22 सितंबर 2025 से केवल तंबाकू (HSN अध्याय 24) पर लगता है
unit-not-uqc = NOS, KGS, LTR, MTR, BOX या PCS जैसी GST इकाई (UQC) होनी चाहिए; { $unit } कोई इकाई नहीं है
unit-required-for-goods = सामान के लिए ज़रूरी है: NOS या KGS जैसी GST इकाई
money-negative = ऋणात्मक नहीं हो सकता
money-invalid = रुपयों में राशि होनी चाहिए, अधिकतम दो दशमलव तक, जैसे 1250.50
item-name-taken = पहले से किसी और वस्तु का नाम है
item-in-use = यह वस्तु दस्तावेज़ों पर है, इसलिए हटाई नहीं जा सकती। इसे संग्रहित करें: यह उन दस्तावेज़ों पर बनी रहेगी और आपकी सूचियों से हट जाएगी।

## Sales documents
customer-not-found = इस व्यवसाय का ग्राहक नहीं है
customer-archived = संग्रहित है: इसे दस्तावेज़ देने से पहले पक्ष को वापस लाएँ
customer-is-vendor = केवल विक्रेता है: पहले पक्ष को ग्राहक (या दोनों) चिह्नित करें
b2b-needs-gstin = का GSTIN नहीं है, जो पंजीकृत ख़रीदार के कर बीजक के लिए ज़रूरी है: पक्ष में जोड़ें
place-of-supply-required = ज़रूरी है: वह राज्य दें जहाँ आपूर्ति होती है, या ग्राहक का बिलिंग राज्य
place-of-supply-other-countries = 96 (अन्य देश) नहीं हो सकता, सिवाय विदेशी ग्राहक को निर्यात के
place-of-supply-export = निर्यात के लिए 96 (अन्य देश) होना चाहिए
supply-invalid = इस ग्राहक के लिए सही नहीं है: { $reason }
export-not-allowed = केवल विदेशी और SEZ ग्राहकों पर लागू होता है
port-code-invalid = INBOM4 जैसा छह अक्षरों का पोर्ट कोड होना चाहिए
shipping-bill-before-invoice = बीजक की तारीख़ से पहले नहीं हो सकती
deemed-export-buyer = केवल नियमित पंजीकृत ख़रीदार पर लागू होता है, { $registration } पर नहीं
lines-required = में कम से कम एक पंक्ति चाहिए
lines-too-many = में अधिकतम { $max } पंक्तियाँ हो सकती हैं
item-not-found = इस व्यवसाय की वस्तु नहीं है
line-description-required = ज़रूरी है जब पंक्ति में कोई वस्तु न हो
quantity-zero = 0 से अधिक होनी चाहिए
quantity-invalid = अधिकतम तीन दशमलव वाली मात्रा होनी चाहिए, जैसे 2 या 2.5
discount-too-large = पंक्ति के मूल्य से अधिक है
amounts-too-large = एक दस्तावेज़ के लिए बहुत बड़ा है
series-invalid = उपयोग योग्य शृंखला नहीं है: { $reason }
bank-account-invalid = 9 से 18 अंकों का होना चाहिए
ifsc-invalid = 11 अक्षरों का होना चाहिए: चार अक्षर, एक शून्य, फिर छह अक्षर या अंक (जैसे HDFC0001234)
note-no-line = में कम से कम एक पंक्ति चाहिए: नोट में आने वाली पंक्तियों पर निशान लगाएँ
number-format-invalid = उपयोग नहीं हो सकता: { $reason }
series-prefix-taken = { $prefix } पहले से सीरीज़ { $series } में छपता है: एक प्रीफ़िक्स वाली दो सीरीज़ एक जैसी संख्याएँ देंगी। दूसरा चुनें।
year-style-invalid = YY-YY, YYYY-YY या YYYY होना चाहिए
width-invalid = 1 से 8 अंकों का होना चाहिए
composition-no-export = कंपोज़िशन डीलर के लिए संभव नहीं, वह निर्यात या SEZ को आपूर्ति नहीं कर सकता (CGST अधिनियम, धारा 10)
composition-inter-state = आपके राज्य से बाहर है: कंपोज़िशन डीलर केवल अपने राज्य में आपूर्ति करता है (CGST अधिनियम, धारा 10)
due-before-date = दस्तावेज़ की तारीख़ से पहले नहीं हो सकती
date-invalid = YYYY-MM-DD के रूप में लिखी तारीख़ होनी चाहिए
document-not-draft = केवल मसौदा बदला, जारी या हटाया जा सकता है; यह दस्तावेज़ पहले से जारी या रद्द है। इसके बजाय इसे रद्द करें, या क्रेडिट नोट बनाएँ।
document-not-issued = केवल जारी दस्तावेज़ रद्द किया जा सकता है; यह मसौदा है या पहले से रद्द है।
invoice-has-payments = इस बीजक पर भुगतान लगे हैं। पहले उन भुगतानों को रद्द करें या बदलें।
invoice-has-notes = इस बीजक पर क्रेडिट या डेबिट नोट हैं। पहले उन नोटों को रद्द करें।
period-filed = { $period } का { $return } दाख़िल चिह्नित है, इसलिए उसमें कुछ भी जारी, रद्द या दिनांकित नहीं किया जा सकता। स्वामी अवधि को फिर से खोल सकता है।
period-invalid = YYYY-MM के रूप में लिखी रिटर्न अवधि होनी चाहिए
period-already-filed = यह रिटर्न अवधि पहले से दाख़िल चिह्नित है।
idempotency-key-invalid = 1 से { $max } दिखने वाले अक्षर होने चाहिए
idempotency-key-reused = यह Idempotency-Key किसी दूसरे अनुरोध के लिए उपयोग हुई थी। नए अनुरोध के लिए नई कुंजी दें।
idempotency-key-in-progress = इस Idempotency-Key वाला अनुरोध अभी चल रहा है। थोड़ी देर में फिर पूछें।

## Purchases and payments
vendor-not-found = इस व्यवसाय का विक्रेता नहीं है
vendor-is-customer = केवल ग्राहक है: पहले पक्ष को विक्रेता (या दोनों) चिह्नित करें
bill-number-invalid = बिल संख्या नहीं है: { $reason }
bill-number-taken = इस विक्रेता का इसी वित्त वर्ष में इसी संख्या का बिल पहले से है
import-vendor = { $registration } विक्रेता से आयात नहीं हो सकता: आयात विदेशी (या सामान के लिए SEZ) विक्रेताओं से होता है
bill-of-entry-required = सामान के आयात के लिए ज़रूरी है: उसकी संख्या और तारीख़ दें
bill-of-entry-only-goods = केवल सामान के आयात पर लागू होता है
vendor-charges-no-tax = 0 होनी चाहिए: कंपोज़िशन या अपंजीकृत विक्रेता GST नहीं लेता (यदि कर आप स्वयं चुकाते हैं तो रिवर्स चार्ज चुनें)
amount-zero = 0 से अधिक होना चाहिए
party-not-found = इस व्यवसाय का पक्ष नहीं है
payment-party-kind = भुगतान के लिए सही नहीं है: पैसा ग्राहकों से मिलता है और विक्रेताओं को दिया जाता है
payment-void = यह भुगतान रद्द है; इसके बजाय नया दर्ज करें।
allocation-one-target = या तो बीजक (मिला पैसा) या बिल (दिया पैसा) बताना चाहिए, दोनों नहीं या कोई नहीं ऐसा नहीं
allocation-wrong-direction = भुगतान के लिए सही नहीं है: मिला पैसा बीजक चुकाता है, दिया पैसा बिल चुकाता है
allocation-not-open = इस पक्ष का ऐसा जारी बीजक या बिल नहीं है जिस पर कुछ बकाया हो
allocation-twice = एक ही दस्तावेज़ दो बार है: राशियाँ जोड़ दें
allocation-over-due = उस दस्तावेज़ पर बकाया { $due } से अधिक है
allocation-over-due-now = इस बीच चुकाया गया: अब उस पर कम बकाया है। फिर से देखें और दोबारा करें।
allocations-over-payment = का जोड़ भुगतान से अधिक है
allocations-over-advance = का जोड़ इस भुगतान में बँटने को बचे { $left } से अधिक है
note-kind = credit या debit होना चाहिए
note-invoice-not-issued = इस व्यवसाय का जारी बीजक होना चाहिए: नोट केवल जारी बीजकों को सुधारते हैं
note-before-invoice = बीजक की तारीख़ से पहले नहीं हो सकती
note-rate-not-on-invoice = { $rate }% पर क्रेडिट करता है, जो दर बीजक में नहीं है: नोट बीजक की दरों पर चलता है
credit-exceeds-invoice = { $rate }% पर बीजक में क्रेडिट के लिए बचे ({ $left }) से अधिक क्रेडिट करेगा
problem-bad-period = पते में रिटर्न अवधि YYYY-MM के रूप में लिखी होनी चाहिए, जैसे 2026-10।
