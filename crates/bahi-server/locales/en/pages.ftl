## The pages' words. Every id here has its twin in every other language's pages.ftl.

## The shell
shell-skip = Skip to content
shell-switch-business = Switch business
shell-your-businesses = Your businesses
shell-add-business = Add a business
shell-menu = Menu
shell-business-nav = This business
shell-main-nav = Main
shell-account-nav = Your account
shell-tagline = GST invoicing and accounting
shell-language = Language
shell-language-apply = Change
nav-dashboard = Dashboard
nav-members = Members
nav-audit = Audit log
nav-settings = Settings
nav-businesses = Your businesses
nav-account = Account
nav-tokens = API tokens
nav-admin = Platform admin
nav-sign-out = Sign out
nav-sign-in = Sign in
nav-sign-up = Create an account

## Forms
form-errors-title = Please correct the following
form-optional = (optional)
form-cancel = Cancel
form-copy = Copy
form-copied = Copied
form-password-again = For your safety the password was not kept: type it again.
form-passwords-again = For your safety the passwords were not kept: type them again.
label-name = Name
label-email = Email
label-password = Password
label-current_password = Current password
label-new_password = New password
label-organisation-legal_name = Legal name
label-organisation-gstin = GSTIN
label-organisation-state_code = State
label-legal_name = Legal name
label-trade_name = Trade name
label-gstin = GSTIN
label-state_code = State
label-address = Address
label-phone = Phone
label-time_zone = Time zone
label-reason = Reason
label-role = Role
label-expires_in_days = Expiry
label-upi_vpa = UPI ID

## Roles
role-owner = Owner
role-admin = Admin
role-accountant = Accountant
role-viewer = Viewer
role-owner-means = Owner — can do everything, including adding and removing owners
role-admin-means = Admin — manages members and settings
role-accountant-means = Accountant — can create and issue documents
role-viewer-means = Viewer — can look, not change
role-owner-in-sentence = owner
role-admin-in-sentence = admin
role-accountant-in-sentence = accountant
role-viewer-in-sentence = viewer

## Dates and times
month-1 = Jan
month-2 = Feb
month-3 = Mar
month-4 = Apr
month-5 = May
month-6 = Jun
month-7 = Jul
month-8 = Aug
month-9 = Sep
month-10 = Oct
month-11 = Nov
month-12 = Dec
time-am = am
time-pm = pm

## Home
home-title = GST invoicing and accounting
home-heading = GST invoicing and accounting for Indian businesses
home-lead = bahi keeps your business's details, your team and an audit trail nobody can quietly change — in English or Hindi, on your phone or your computer.
home-sign-up = Create your free account
home-sign-in = Sign in
home-go-to-businesses = Go to your businesses
home-today-title = What you can do today
home-today-businesses = Keep one or many businesses under one login, each with its GSTIN and state checked as you type them.
home-today-team = Invite your accountant and staff with the role each needs.
home-today-audit = See every change in an audit log that proves it was not edited.
home-today-api = Connect your own software with API tokens.
home-languages-title = In your language
home-languages = Every page speaks English and Hindi; choose at the bottom of any page.
home-integrators = For software developers: the JSON API is described at

## Sign-up and sign-in
signup-title = Create an account
signup-heading = Create your bahi account
signup-you = You
signup-business = Your business
signup-password-hint = (at least 10 characters; a phrase of several words works well)
signup-state-hint = (needed without a GSTIN)
signup-state-from-gstin = — from the GSTIN —
signup-submit = Create account
signup-have-account = Already have an account?
login-title = Sign in
login-heading = Sign in to bahi
login-expired = You were signed out after a while without use. Sign in again to carry on.
login-submit = Sign in
login-new = New to bahi?

## Businesses
businesses-title = Your businesses
businesses-heading = Your businesses
businesses-none = You do not belong to a business yet
businesses-none-hint = Add your business, or ask its owner for an invitation.
org-new-title = Add a business
org-new-heading = Add a business
org-new-lead = A CA firm or a family with several businesses keeps them all under one login; switch between them from the top of any page.
org-new-submit = Add the business
org-not-registered = not registered
org-your-role = Your role

## The first-run checklist
checklist-title = Your next steps
checklist-lead = A few things to set up first.
checklist-done = Done
checklist-details = Complete your business details
checklist-details-why = Your address, phone and email, kept with the business's GSTIN.
checklist-team = Invite your accountant or staff
checklist-team-why = Each person signs in as themselves, with only the rights their role gives.
checklist-another = Add another business
checklist-another-why = CA firms and owners of several businesses keep them all under one login.
checklist-all-done = Everything that can be set up today is set up.

## Settings
settings-title = Settings
settings-heading = Business settings
settings-names = Details that appear on your documents
settings-save = Save settings
settings-read-only = Only admins and owners can change these settings.

## Members
members-title = Members
members-heading = Members of { $name }
members-role = Role
members-change = Actions
members-role-of = Role of { $name }
members-save-role = Save role
members-remove = Remove
members-last-owner = The only owner: make someone else an owner before changing this.
members-owner-only = An owner: only another owner can change this.
members-roles-title = What each role may do
members-invite-title = Invite someone
members-invite-submit = Create invitation
members-link-created = Invitation created. Send this link to the person you invited (it works once, for 7 days):
members-link-label = Invitation link
members-share-whatsapp = Share on WhatsApp
members-whatsapp-text = You are invited to { $name } on bahi. Accept here: { $link }
members-open-title = Open invitations
members-valid-until = Valid until
members-expired-on = expired { $when }
members-resend = Re-send (new link)
members-revoke = Revoke

## Confirmations
confirm-remove-title = Remove { $name }?
confirm-remove-why = { $name } will no longer see or change anything of { $org }. You can invite them again later.
confirm-remove-button = Remove { $name }
confirm-revoke-invitation-title = Revoke the invitation of { $email }?
confirm-revoke-invitation-why = The link stops working at once. You can invite the address again.
confirm-revoke-token-title = Revoke the token “{ $name }”?
confirm-revoke-token-why = Programs using it stop working at once. This cannot be undone; you can create a new token.
confirm-suspend-title = Suspend { $name }?
confirm-suspend-why = Its members will be refused everything until it is reinstated. Say why: the reason is recorded in the audit trail.

## Notices
notice-settings-saved = The settings of { $name } were saved.
notice-business-added = { $name } was added. You are its owner.
notice-member-removed = { $name } was removed.
notice-role-changed = { $name } is now { $role }.
notice-invitation-revoked = The invitation of { $email } was revoked.
notice-token-revoked = The token was revoked.
notice-suspended = { $name } was suspended.
notice-reinstated = { $name } was reinstated.

## Audit log
audit-title = Audit log
audit-heading = Audit log of { $name }
audit-verified = The chain of { $count } most recent entries verifies: no entry has been edited, removed or reordered.
audit-broken = The audit chain does not verify:
audit-empty = Nothing has happened yet.
audit-when = When
audit-who = Who
audit-what = What happened
audit-address = Address
audit-pages = Older entries
audit-older = Older entries →
audit-user-signup = Signed up and created { $org }
audit-user-login = Signed in
audit-user-login-failed = A sign-in as { $email } failed
audit-user-logout = Signed out
audit-user-password-change = Changed their password
audit-user-password-reset = The password of { $email } was reset
audit-token-create = Created the API token “{ $name }”
audit-token-revoke = Revoked an API token
audit-member-invite = Invited { $email } as { $role }
audit-member-invite-resend = Re-sent the invitation of { $email }
audit-member-invite-revoke = Revoked the invitation of { $email }
audit-member-join = { $email } joined as { $role }
audit-member-role-change = Changed the role of { $email } from { $from } to { $to }
audit-member-remove = Removed { $email } ({ $role })
audit-organisation-create = Added the business { $name }
audit-organisation-update = Changed the business settings
audit-organisation-suspend = The business was suspended: { $reason }
audit-organisation-unsuspend = The business was reinstated
audit-organisation-seed = Demo data was added
audit-party-create = Added the party { $name }
audit-party-update = Changed the party { $name }
audit-party-archive = Archived the party { $name }
audit-party-restore = Restored the party { $name }
audit-party-delete = Deleted the party { $name }
audit-item-create = Added the item { $name }
audit-item-update = Changed the item { $name }
audit-item-archive = Archived the item { $name }
audit-item-restore = Restored the item { $name }
audit-item-delete = Deleted the item { $name }
audit-invoice-create = Drafted a document to { $customer } for { $total }
audit-invoice-update = Changed a draft to { $customer }
audit-invoice-issue = Issued { $number } to { $customer } for { $total }
audit-invoice-void = Voided { $number } ({ $customer }, { $total })
audit-invoice-delete = Deleted a draft to { $customer }
audit-note-issue = Issued the note { $number } to { $customer } for { $total }
audit-period-file = Marked { $return } for { $period } filed
audit-period-reopen = Reopened { $return } for { $period }
audit-bill-create = Recorded the bill { $number } of { $vendor } for { $total }
audit-bill-void = Voided the bill { $number } of { $vendor }
audit-payment-create = Recorded a payment { $direction } with { $party } of { $amount }
audit-payment-allocate = Allocated { $amount } of a payment
audit-payment-void = Voided a payment of { $amount }
audit-platform-admin-grant = { $email } was made a platform administrator

## Invitations
invitation-title = Join { $name }
invitation-invited-as = You have been invited as
invitation-with-email = with the email
invitation-accept = Accept and join { $name }
invitation-signed-in-as = You are signed in as { $email }.
invitation-sign-out-first = To accept, sign out and sign in with { $email }.
invitation-have-account = Already have a bahi account?
invitation-sign-in = Sign in to accept
invitation-new = New to bahi?
invitation-choose-password = Choose a password
invitation-create = Create my account and join

## Account
account-title = Your account
account-heading = Your account
account-signed-in-as = Signed in as
account-password-title = Change your password
account-password-changed = Password changed. Every other session of yours has been signed out ({ $sessions }).
account-tokens-revoked = { $tokens } API tokens were revoked.
account-revoke-tokens = Also revoke my { $tokens } API tokens (programs using them stop working)
account-change-password = Change password

## API tokens
tokens-title = API tokens
tokens-lead = Programs (Tally sync, your own scripts) use a token to act as you in every business you belong to:
tokens-copy-now = Copy your new token now. It will not be shown again:
tokens-none = No API tokens yet
tokens-none-hint = Create one when a program needs to work with bahi for you.
tokens-starts-with = Starts with
tokens-created = Created
tokens-last-used = Last used
tokens-expires = Expires
tokens-never-used = never
tokens-no-expiry = never (until revoked)
tokens-revoke = Revoke
tokens-new = New token
tokens-name-hint = (what will use it, e.g. "Tally sync")
tokens-never = Never (until you revoke it)
tokens-in-days = In { $days } days
tokens-in-a-year = In a year
tokens-create = Create token

## Platform administration
admin-title = Platform administration
admin-business = Business
admin-since = Since
admin-status = Status
admin-active = active
admin-suspended = suspended
admin-suspend = Suspend
admin-reinstate = Reinstate

## Error pages
error-title-forbidden = Not allowed
error-title-not-found = Page not found
error-title-conflict = That cannot be done now
error-title-too-many = Too many attempts
error-title-unavailable = bahi is not available right now
error-title-server = Something went wrong
error-title-other = That did not work
error-not-found = There is no page at this address. It may have moved, or the link may be mistyped.
error-try-again = Go back and try again.
error-back-to = Back to { $name }
error-your-businesses = Your businesses
error-home = Go to the home page

## Lists and forms shared by every area
form-save = Save
form-choose = Choose…
list-show-archived = Show archived
list-search = Search
list-none-found = Nothing matches this search.
list-clear = Clear the search
list-archived = archived
list-pages = More pages
list-next = Next page →
list-archive = Archive
list-restore = Restore
list-delete = Delete…

## Parties
nav-parties = Parties
parties-title = Parties
parties-heading = Customers and vendors
parties-add = Add a party
parties-search = Name or GSTIN
parties-all = Customers and vendors
parties-none = No customers or vendors yet
parties-none-hint = Add the people and businesses you sell to and buy from; their GSTIN and state decide how each invoice is taxed.
party-new-title = A new party
party-add = Add the party
party-who = Who they are
party-tax = GST registration
party-contact = Contact
party-address = Billing address
party-gstin-hint = (its state is taken from it)
party-state-hint = (for a party without a GSTIN)
party-country-hint = (for a party abroad)
party-keep-or-remove = Archive or delete
party-archive-why = Archive a party you no longer deal with: it stays on its documents and leaves your lists. Only a party no document names can be deleted.
party-kind-customer = Customer
party-kind-vendor = Vendor
party-kind-both = Customer and vendor
registration-regular = Registered (regular)
registration-composition = Registered (composition)
registration-uin = UIN holder (embassy, UN body)
registration-sez = SEZ unit or developer
registration-unregistered = Unregistered
registration-overseas = Overseas
label-kind = Type
label-registration = Registration
label-country = Country
label-billing_address-line1 = Address line 1
label-billing_address-line2 = Address line 2
label-billing_address-city = City
label-billing_address-pincode = PIN code
label-billing_address-state_code = State
notice-party-added = { $name } was added.
notice-party-saved = The details of { $name } were saved.
notice-party-archived = { $name } was archived. It stays on its documents.
notice-party-restored = { $name } is back in your lists.
notice-party-deleted = { $name } was deleted.
confirm-delete-party-title = Delete { $name }?
confirm-delete-party-why = The party and its details are deleted. A party that documents name cannot be deleted; archive it instead.
confirm-delete-party = Delete { $name }

## Items
nav-items = Items
items-title = Items
items-heading = Goods and services
items-add = Add an item
items-search = Name or HSN/SAC
items-all = Goods and services
items-none = No items yet
items-none-hint = Add what you sell and buy, with its HSN or SAC code, unit, price and GST rate; invoice lines start from them.
item-new-title = A new item
item-add = Add the item
item-no-unit = No unit (services)
item-hsn-hint = (4, 6 or 8 digits; services start with 99)
item-unit-hint = (a GST unit; services may have none)
item-price-hint = (before tax, in rupees)
item-cess-hint = (compensation cess, percent)
item-archive-why = Archive an item you no longer sell: it stays on its documents and leaves your lists. Only an item no document names can be deleted.
item-kind-goods = Goods
item-kind-services = Services
treatment-taxable = Taxable
treatment-nil-rated = Nil-rated
treatment-exempt = Exempt
treatment-non-gst = Non-GST
label-hsn_sac = HSN/SAC
label-unit = Unit
label-price = Price
label-gst_rate = GST rate
label-treatment = Treatment
label-cess_rate = Cess rate
notice-item-added = { $name } was added.
notice-item-saved = { $name } was saved.
notice-item-archived = { $name } was archived. It stays on its documents.
notice-item-restored = { $name } is back in your lists.
notice-item-deleted = { $name } was deleted.
confirm-delete-item-title = Delete { $name }?
confirm-delete-item-why = The item is deleted. An item that documents name cannot be deleted; archive it instead.
confirm-delete-item = Delete { $name }
