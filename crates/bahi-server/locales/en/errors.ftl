## What went wrong, as people read it: field messages follow the field's label
## ("Email is required"); other messages are whole sentences.

## Fields
field-required = is required
field-too-long = must be at most { $max } characters
field-control-characters = must not contain control characters
field-taken = is already in use
field-refers-to-nothing = refers to a record that does not exist
email-invalid = must be an email address such as name@example.com
email-registered = already has a bahi account; sign in with it instead
password-too-short = must be at least { $min } characters
password-too-long = must be at most { $max } characters
password-guessable = is too easy to guess: { $hint }
password-not-current = is not your current password
upi-invalid = must be a UPI ID such as shop@okbank
token-expiry-range = must be from 1 to { $max } days, or left out for no expiry
already-member = is already a member
invitation-open = already has an open invitation; re-send or revoke it

## GSTIN and state (GST.md §3)
gstin-empty = GSTIN is empty
gstin-length = GSTIN { $gstin } must have 15 characters, not { $count }
gstin-characters = GSTIN { $gstin } may contain only letters A-Z and digits 0-9
gstin-shape = GSTIN { $gstin } does not match any GSTIN format (state code, PAN, entity number, Z, check character)
gstin-state = GSTIN { $gstin }: { $reason }
gstin-other-countries = GSTIN { $gstin }: state code 96 is for exports and never starts a GSTIN
gstin-check-character = GSTIN { $gstin }: check character should be { $expected }
gstin-state-digits = GSTIN { $gstin }: the first two characters must be the digits of a state code
gstin-pan-shape = GSTIN { $gstin }: characters 3 to 12 must be a PAN — five letters, four digits and a letter
gstin-pan-holder = GSTIN { $gstin }: the PAN's fourth letter { $letter } names no kind of holder (P, C, H, F, A, T, B, L, J or G)
gstin-pan-serial = GSTIN { $gstin }: the PAN's serial number 0000 does not exist (it runs from 0001 to 9999)
gstin-entity-number = GSTIN { $gstin }: the 13th character, the registration's number under the PAN, cannot be 0
gstin-fourteenth = GSTIN { $gstin }: the 14th character must be Z for a taxpayer (C for an e-commerce operator, D for a tax deductor), not { $letter }
gstin-not-own = { $gstin } is { $kind }, not a business's own GSTIN
state-invalid = { $reason }
state-required = is required when there is no GSTIN
state-other-countries = 96 (Other Countries) is not a state a business is registered in
state-not-gstin = the GSTIN is registered in { $gstin_state }, not { $state }

## Not allowed
org-suspended = This organisation is suspended. Contact the platform administrator.
role-too-low = This needs the { $needed } role or higher; you are { $have }.
platform-admins-only = Only platform administrators may do this.
owners-only-grant-owner = Only an owner can make someone an owner.
invitation-other-address = This invitation is for another email address. Sign out, then sign in with the invited address to accept it.
demo-refused-in-production = refused in production (demo accounts have printed passwords)

## Wrong state
conflict-exists = That record already exists.
conflict-in-use = This record is still used ({ $by }) and cannot be removed.
conflict-reference = A related record is missing or still in use; reload and try again.
invitation-used = This invitation has already been used.
invitation-expired = This invitation has expired; ask for a new one.
last-owner-demote = The last owner cannot be demoted; make someone else an owner first.
last-owner-remove = The last owner cannot be removed.
demo-already-seeded = { $email } already exists: the demo is already seeded

## Answers of the API and the pages
problem-sign-in = Sign in first.
problem-fields = Some fields are not valid.
problem-duplicate = A value that must be unique is taken.
problem-wrong-credentials = Email or password is incorrect.
problem-too-many = Too many attempts. Try again in { $minutes } minutes.
problem-unavailable = The database is busy or unreachable. Try again in a few seconds.
problem-upgrading = bahi is being upgraded: its database migrations are not applied yet. Try again shortly.
problem-no-endpoint = No API endpoint at { $path }.
problem-not-json = Send the body as JSON with Content-Type: application/json.
problem-bad-json = The body is not valid JSON: { $reason }.
problem-bad-id = `{ $name }` in the address must be an id such as 0193a2b4-7c1d-7e2f-8a9b-0c1d2e3f4a5b.
problem-bad-address = A part of the address is not valid here.
csrf-other-site = Request refused: it came from another site.
csrf-other-origin = Request refused: its origin is not this site.
csrf-wrong = Request refused: the CSRF token is wrong.
csrf-missing = Request refused: the CSRF token is missing.
limit-range = must be from 1 to { $max }
cursor-invalid = is not a cursor from a previous page
json-one-of = must be one of { $choices }
json-unknown-field = is not a field here: { $name }
json-invalid-type = invalid type: { $got }, expected { $expected }
json-wrong-count = has the wrong number of items
json-whole-number = must be a whole number
json-not-valid = is not valid here
phone-invalid = must be a phone number such as +91 98765 43210
time-zone-unknown = is not a time zone bahi offers

## Parties and items
pincode-invalid = must be six digits, not starting with 0
party-state-other-countries = cannot be 96 (Other Countries): for a buyer or seller abroad choose the registration “overseas”
party-overseas-no-state = is not used for an overseas party: leave it empty and give the country
party-state-required = is needed for a party without a GSTIN (it decides the place of supply)
party-country-required = is needed for an overseas party
party-gstin-required = A { $registration } party needs a GSTIN; choose “unregistered” if it has none
party-gstin-not-expected = An unregistered or overseas party has no GSTIN: clear it, or choose the registration again
party-gstin-wrong-registration = GSTIN { $gstin } is { $kind }, which does not fit a { $registration } party
party-gstin-taken = Another party of this business already has this GSTIN
party-in-use = This party is named on documents, so it cannot be deleted. Archive it instead: it stays on those documents and leaves your lists.
hsn-digits = must be digits only: 4, 6 or 8 of them
hsn-length = must have 4, 6 or 8 digits, not { $count }
hsn-service-for-goods = { $code } is a service code (SAC codes start with 99); goods need an HSN
hsn-goods-for-service = { $code } is an HSN for goods; service codes (SAC) start with 99
rate-not-gst = must be a GST rate: { $rate }% is not one on { $date } (rates are 0, 0.1, 0.25, 1, 1.5, 3, 5, 6, 7.5, 12, 18, 28 and, from 22 September 2025, 40)
rate-invalid = must be a percentage such as 18 or 0.25
rate-not-taxable = must be 0 for an item that is { $treatment }
cess-ended = must be empty: compensation cess ended on 1 February 2026
cess-only-tobacco = applies only to tobacco (HSN chapter 24) since 22 September 2025
unit-not-uqc = must be a GST unit (UQC) such as NOS, KGS, LTR, MTR, BOX or PCS; { $unit } is not one
unit-required-for-goods = is needed for goods: a GST unit such as NOS or KGS
money-negative = cannot be negative
money-invalid = must be an amount in rupees with at most two decimals, such as 1250.50
item-name-taken = is already the name of another item
item-in-use = This item is on documents, so it cannot be deleted. Archive it instead: it stays on those documents and leaves your lists.

## Sales documents
customer-not-found = is not a customer of this business
customer-archived = is archived: restore the party before raising a document to it
customer-is-vendor = is a vendor only: mark the party as a customer (or both) first
b2b-needs-gstin = has no GSTIN, which a tax invoice to a registered buyer needs: add it to the party
place-of-supply-required = is required: give the state the supply is made in, or the customer's billing state
place-of-supply-other-countries = cannot be 96 (Other Countries) except for an export to an overseas customer
place-of-supply-export = must be 96 (Other Countries) for an export
supply-invalid = does not fit this customer: { $reason }
export-not-allowed = applies only to overseas and SEZ customers
port-code-invalid = must be a six-character port code such as INBOM4
shipping-bill-before-invoice = cannot be before the invoice date
deemed-export-buyer = applies only to a regular registered buyer, not to a { $registration } one
lines-required = needs at least one line
lines-too-many = may have at most { $max } lines
item-not-found = is not an item of this business
line-description-required = is required when the line names no item
quantity-zero = must be more than 0
quantity-invalid = must be a quantity with at most three decimals, such as 2 or 2.5
discount-too-large = is more than the line's value
amounts-too-large = is too large for one document
series-invalid = is not a usable series: { $reason }
bank-account-invalid = must be 9 to 18 digits
ifsc-invalid = must be 11 characters: four letters, a zero, then six letters or digits (for example HDFC0001234)
note-no-line = needs at least one line: tick the lines the note covers
number-format-invalid = cannot be used: { $reason }
series-prefix-taken = { $prefix } is already printed by series { $series }: two series with one prefix would print the same numbers. Choose another.
year-style-invalid = must be YY-YY, YYYY-YY or YYYY
width-invalid = must be from 1 to 8 digits
composition-no-export = is not possible for a composition dealer, who cannot export or supply to an SEZ (CGST Act, section 10)
composition-inter-state = is outside your state: a composition dealer supplies only within its own state (CGST Act, section 10)
due-before-date = cannot be before the document's date
date-invalid = must be a date written as YYYY-MM-DD
document-not-draft = Only a draft can be changed, issued or deleted; this document is already issued or void. Void it, or raise a credit note, instead.
document-not-issued = Only an issued document can be voided; this one is a draft or already void.
invoice-has-payments = This invoice has payments allocated to it. Void or change those payments first.
invoice-has-notes = This invoice has credit or debit notes against it. Void those notes first.
period-filed = { $return } for { $period } is marked filed, so nothing can be issued, voided or dated into it. An owner can reopen the period.
period-invalid = must be a return period written as YYYY-MM
period-already-filed = This return period is already marked filed.
idempotency-key-invalid = must be 1 to { $max } visible characters
idempotency-key-reused = This Idempotency-Key was used for a different request. Use a new key for a new request.
idempotency-key-in-progress = A request with this Idempotency-Key is still being handled. Ask again in a moment.

## Purchases and payments
vendor-not-found = is not a vendor of this business
vendor-is-customer = is a customer only: mark the party as a vendor (or both) first
bill-number-invalid = is not a bill number: { $reason }
bill-number-taken = This vendor already has a bill with this number in the same financial year
import-vendor = cannot be an import from a { $registration } vendor: imports come from overseas (or, for goods, SEZ) vendors
bill-of-entry-required = is needed for an import of goods: give its number and date
bill-of-entry-only-goods = applies only to an import of goods
vendor-charges-no-tax = must be 0: a composition or unregistered vendor charges no GST (tick reverse charge if you pay the tax yourself)
amount-zero = must be more than 0
party-not-found = is not a party of this business
payment-party-kind = does not fit the payment: money is received from customers and paid to vendors
payment-void = This payment is void; record a new one instead.
allocation-one-target = must name either an invoice (money received) or a bill (money paid), not both or neither
allocation-wrong-direction = does not fit the payment: received money pays invoices, money paid out pays bills
allocation-not-open = is not an issued invoice or bill of this party with something due
allocation-twice = names the same document twice: add the amounts together
allocation-over-due = is more than the { $due } due on that document
allocation-over-due-now = was paid meanwhile: less is due on it now. Look again and retry.
allocations-over-payment = add up to more than the payment
allocations-over-advance = add up to more than the { $left } this payment has left to allocate
note-kind = must be credit or debit
note-invoice-not-issued = must be an issued invoice of this business: notes correct issued invoices only
note-before-invoice = cannot be before the invoice's date
note-rate-not-on-invoice = credits { $rate }%, a rate the invoice does not charge: a note follows the invoice's rates
credit-exceeds-invoice = would credit more at { $rate }% than the invoice has left to credit ({ $left })
problem-bad-period = The return period in the address must be written as YYYY-MM, such as 2026-10.
