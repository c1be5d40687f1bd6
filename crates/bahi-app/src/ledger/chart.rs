//! The default chart of accounts every business starts with: groups as Schedule III of the
//! Companies Act lays out the balance sheet and the statement of profit and loss, the system
//! accounts postings need, and a few common accounts to start from. Ids are derived from the
//! organisation and each entry's key, so opening the books is idempotent.

use bahi_store::WriteTx;
use bahi_store::identity::{OrgId, now};
use bahi_store::ledger::accounts::{self, Account, AccountGroup};
use bahi_store::ledger::{AccountId, GroupId, Nature};

use crate::Error;

/// The accounts postings need. They cannot be removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum System {
    Cash,
    Bank,
    /// Money a gateway collected and has not yet paid into the bank.
    Gateway,
    Debtors,
    Creditors,
    CustomerAdvances,
    VendorAdvances,
    OutputCgst,
    OutputSgst,
    OutputIgst,
    OutputCess,
    InputCgst,
    InputSgst,
    InputIgst,
    InputCess,
    IneligibleItc,
    ReverseChargePayable,
    ImportTaxPayable,
    Sales,
    DiscountsAllowed,
    Purchases,
    DiscountsReceived,
    RoundOff,
    Capital,
    RetainedEarnings,
}

impl System {
    pub const ALL: &'static [Self] = &[
        Self::Cash,
        Self::Bank,
        Self::Gateway,
        Self::Debtors,
        Self::Creditors,
        Self::CustomerAdvances,
        Self::VendorAdvances,
        Self::OutputCgst,
        Self::OutputSgst,
        Self::OutputIgst,
        Self::OutputCess,
        Self::InputCgst,
        Self::InputSgst,
        Self::InputIgst,
        Self::InputCess,
        Self::IneligibleItc,
        Self::ReverseChargePayable,
        Self::ImportTaxPayable,
        Self::Sales,
        Self::DiscountsAllowed,
        Self::Purchases,
        Self::DiscountsReceived,
        Self::RoundOff,
        Self::Capital,
        Self::RetainedEarnings,
    ];

    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::Cash => "cash",
            Self::Bank => "bank",
            Self::Gateway => "gateway",
            Self::Debtors => "debtors",
            Self::Creditors => "creditors",
            Self::CustomerAdvances => "customer_advances",
            Self::VendorAdvances => "vendor_advances",
            Self::OutputCgst => "output_cgst",
            Self::OutputSgst => "output_sgst",
            Self::OutputIgst => "output_igst",
            Self::OutputCess => "output_cess",
            Self::InputCgst => "input_cgst",
            Self::InputSgst => "input_sgst",
            Self::InputIgst => "input_igst",
            Self::InputCess => "input_cess",
            Self::IneligibleItc => "ineligible_itc",
            Self::ReverseChargePayable => "reverse_charge_payable",
            Self::ImportTaxPayable => "import_tax_payable",
            Self::Sales => "sales",
            Self::DiscountsAllowed => "discounts_allowed",
            Self::Purchases => "purchases",
            Self::DiscountsReceived => "discounts_received",
            Self::RoundOff => "round_off",
            Self::Capital => "capital",
            Self::RetainedEarnings => "retained_earnings",
        }
    }

    /// This account's id in an organisation's books.
    #[must_use]
    pub fn id(self, org: OrgId) -> AccountId {
        AccountId::system(org, self.key())
    }

    /// The system account with this id in an organisation's books.
    #[must_use]
    pub fn of(org: OrgId, id: AccountId) -> Option<Self> {
        Self::ALL.iter().copied().find(|s| s.id(org) == id)
    }

    /// Accounts whose lines name a party (their balances are the parties' sub-ledgers).
    #[must_use]
    pub fn is_party_ledger(self) -> bool {
        matches!(
            self,
            Self::Debtors | Self::Creditors | Self::CustomerAdvances | Self::VendorAdvances
        )
    }
}

/// (code, key, name, parent key, nature). Codes sort parents before children.
const GROUPS: &[(&str, &str, &str, Option<&str>, Nature)] = &[
    ("1", "assets", "Assets", None, Nature::Asset),
    (
        "11",
        "non_current_assets",
        "Non-current assets",
        Some("assets"),
        Nature::Asset,
    ),
    (
        "111",
        "ppe",
        "Property, plant and equipment",
        Some("non_current_assets"),
        Nature::Asset,
    ),
    (
        "112",
        "intangible_assets",
        "Intangible assets",
        Some("non_current_assets"),
        Nature::Asset,
    ),
    (
        "113",
        "non_current_investments",
        "Non-current investments",
        Some("non_current_assets"),
        Nature::Asset,
    ),
    (
        "114",
        "long_term_loans_advances",
        "Long-term loans and advances",
        Some("non_current_assets"),
        Nature::Asset,
    ),
    (
        "12",
        "current_assets",
        "Current assets",
        Some("assets"),
        Nature::Asset,
    ),
    (
        "121",
        "inventories",
        "Inventories",
        Some("current_assets"),
        Nature::Asset,
    ),
    (
        "122",
        "trade_receivables",
        "Trade receivables",
        Some("current_assets"),
        Nature::Asset,
    ),
    (
        "123",
        "cash_and_equivalents",
        "Cash and cash equivalents",
        Some("current_assets"),
        Nature::Asset,
    ),
    (
        "124",
        "short_term_loans_advances",
        "Short-term loans and advances",
        Some("current_assets"),
        Nature::Asset,
    ),
    (
        "125",
        "other_current_assets",
        "Other current assets",
        Some("current_assets"),
        Nature::Asset,
    ),
    ("2", "liabilities", "Liabilities", None, Nature::Liability),
    (
        "21",
        "non_current_liabilities",
        "Non-current liabilities",
        Some("liabilities"),
        Nature::Liability,
    ),
    (
        "211",
        "long_term_borrowings",
        "Long-term borrowings",
        Some("non_current_liabilities"),
        Nature::Liability,
    ),
    (
        "212",
        "long_term_provisions",
        "Long-term provisions",
        Some("non_current_liabilities"),
        Nature::Liability,
    ),
    (
        "22",
        "current_liabilities",
        "Current liabilities",
        Some("liabilities"),
        Nature::Liability,
    ),
    (
        "221",
        "short_term_borrowings",
        "Short-term borrowings",
        Some("current_liabilities"),
        Nature::Liability,
    ),
    (
        "222",
        "trade_payables",
        "Trade payables",
        Some("current_liabilities"),
        Nature::Liability,
    ),
    (
        "223",
        "other_current_liabilities",
        "Other current liabilities",
        Some("current_liabilities"),
        Nature::Liability,
    ),
    (
        "224",
        "duties_and_taxes",
        "Duties and taxes",
        Some("current_liabilities"),
        Nature::Liability,
    ),
    (
        "225",
        "short_term_provisions",
        "Short-term provisions",
        Some("current_liabilities"),
        Nature::Liability,
    ),
    ("3", "equity", "Equity", None, Nature::Equity),
    (
        "31",
        "share_capital",
        "Capital",
        Some("equity"),
        Nature::Equity,
    ),
    (
        "32",
        "reserves_and_surplus",
        "Reserves and surplus",
        Some("equity"),
        Nature::Equity,
    ),
    ("4", "income", "Income", None, Nature::Income),
    (
        "41",
        "revenue_from_operations",
        "Revenue from operations",
        Some("income"),
        Nature::Income,
    ),
    (
        "42",
        "other_income",
        "Other income",
        Some("income"),
        Nature::Income,
    ),
    ("5", "expenses", "Expenses", None, Nature::Expense),
    (
        "51",
        "cost_of_materials",
        "Cost of materials consumed",
        Some("expenses"),
        Nature::Expense,
    ),
    (
        "52",
        "purchases_of_stock",
        "Purchases of stock-in-trade",
        Some("expenses"),
        Nature::Expense,
    ),
    (
        "53",
        "changes_in_inventories",
        "Changes in inventories",
        Some("expenses"),
        Nature::Expense,
    ),
    (
        "54",
        "employee_benefits",
        "Employee benefits expense",
        Some("expenses"),
        Nature::Expense,
    ),
    (
        "55",
        "finance_costs",
        "Finance costs",
        Some("expenses"),
        Nature::Expense,
    ),
    (
        "56",
        "depreciation",
        "Depreciation and amortisation expense",
        Some("expenses"),
        Nature::Expense,
    ),
    (
        "57",
        "other_expenses",
        "Other expenses",
        Some("expenses"),
        Nature::Expense,
    ),
];

/// (code, system account or the key of a common one, name, group key).
const ACCOUNTS: &[(&str, Key, &str, &str)] = &[
    (
        "1111",
        Key::Common("furniture"),
        "Furniture and fixtures",
        "ppe",
    ),
    (
        "1112",
        Key::Common("computers"),
        "Computers and equipment",
        "ppe",
    ),
    ("1211", Key::Common("stock"), "Stock in hand", "inventories"),
    (
        "1221",
        Key::System(System::Debtors),
        "Sundry debtors",
        "trade_receivables",
    ),
    (
        "1231",
        Key::System(System::Cash),
        "Cash in hand",
        "cash_and_equivalents",
    ),
    (
        "1232",
        Key::System(System::Bank),
        "Bank account",
        "cash_and_equivalents",
    ),
    (
        "1233",
        Key::System(System::Gateway),
        "Payment gateway clearing",
        "cash_and_equivalents",
    ),
    (
        "1241",
        Key::System(System::VendorAdvances),
        "Advances to suppliers",
        "short_term_loans_advances",
    ),
    (
        "1251",
        Key::System(System::InputCgst),
        "Input CGST",
        "other_current_assets",
    ),
    (
        "1252",
        Key::System(System::InputSgst),
        "Input SGST",
        "other_current_assets",
    ),
    (
        "1253",
        Key::System(System::InputIgst),
        "Input IGST",
        "other_current_assets",
    ),
    (
        "1254",
        Key::System(System::InputCess),
        "Input cess",
        "other_current_assets",
    ),
    (
        "2111",
        Key::Common("term_loans"),
        "Term loans",
        "long_term_borrowings",
    ),
    (
        "2221",
        Key::System(System::Creditors),
        "Sundry creditors",
        "trade_payables",
    ),
    (
        "2231",
        Key::System(System::CustomerAdvances),
        "Advances from customers",
        "other_current_liabilities",
    ),
    (
        "2241",
        Key::System(System::OutputCgst),
        "Output CGST",
        "duties_and_taxes",
    ),
    (
        "2242",
        Key::System(System::OutputSgst),
        "Output SGST",
        "duties_and_taxes",
    ),
    (
        "2243",
        Key::System(System::OutputIgst),
        "Output IGST",
        "duties_and_taxes",
    ),
    (
        "2244",
        Key::System(System::OutputCess),
        "Output cess",
        "duties_and_taxes",
    ),
    (
        "2245",
        Key::System(System::ReverseChargePayable),
        "GST payable on reverse charge",
        "duties_and_taxes",
    ),
    (
        "2246",
        Key::System(System::ImportTaxPayable),
        "IGST payable on imports",
        "duties_and_taxes",
    ),
    (
        "3101",
        Key::System(System::Capital),
        "Capital account",
        "share_capital",
    ),
    (
        "3201",
        Key::System(System::RetainedEarnings),
        "Retained earnings",
        "reserves_and_surplus",
    ),
    (
        "4101",
        Key::System(System::Sales),
        "Sales",
        "revenue_from_operations",
    ),
    (
        "4102",
        Key::System(System::DiscountsAllowed),
        "Discounts allowed",
        "revenue_from_operations",
    ),
    (
        "4201",
        Key::System(System::RoundOff),
        "Rounding off",
        "other_income",
    ),
    (
        "4202",
        Key::Common("interest_received"),
        "Interest received",
        "other_income",
    ),
    (
        "5201",
        Key::System(System::Purchases),
        "Purchases",
        "purchases_of_stock",
    ),
    (
        "5202",
        Key::System(System::DiscountsReceived),
        "Discounts received",
        "purchases_of_stock",
    ),
    (
        "5401",
        Key::Common("salaries"),
        "Salaries and wages",
        "employee_benefits",
    ),
    (
        "5501",
        Key::Common("interest_paid"),
        "Interest paid",
        "finance_costs",
    ),
    (
        "5502",
        Key::Common("bank_charges"),
        "Bank charges",
        "finance_costs",
    ),
    (
        "5601",
        Key::Common("depreciation"),
        "Depreciation",
        "depreciation",
    ),
    (
        "5701",
        Key::System(System::IneligibleItc),
        "Input tax not claimable",
        "other_expenses",
    ),
    ("5702", Key::Common("rent"), "Rent", "other_expenses"),
    (
        "5703",
        Key::Common("electricity"),
        "Electricity",
        "other_expenses",
    ),
    (
        "5704",
        Key::Common("gateway_charges"),
        "Payment gateway charges",
        "other_expenses",
    ),
    (
        "5705",
        Key::Common("office_expenses"),
        "Office expenses",
        "other_expenses",
    ),
];

/// The group whose accounts (at any depth) hold money: cash in hand, every bank account, the
/// gateways' clearing account. A payment goes into or out of one of them.
#[must_use]
pub fn money_group(org: OrgId) -> GroupId {
    GroupId::system(org, "cash_and_equivalents")
}

#[derive(Debug, Clone, Copy)]
enum Key {
    System(System),
    Common(&'static str),
}

/// The default groups and accounts of an organisation's books.
#[must_use]
pub fn default_chart(org: OrgId) -> (Vec<AccountGroup>, Vec<Account>) {
    let at = now();
    let groups = GROUPS
        .iter()
        .map(|&(code, key, name, parent, nature)| AccountGroup {
            id: GroupId::system(org, key),
            org_id: org,
            code: code.to_owned(),
            name: name.to_owned(),
            parent_id: parent.map(|p| GroupId::system(org, p)),
            nature,
            system_key: Some(key.to_owned()),
            created_at: at,
        })
        .collect();
    let accounts = ACCOUNTS
        .iter()
        .map(|&(code, key, name, group)| {
            let (id, system_key) = match key {
                Key::System(s) => (s.id(org), Some(s.key().to_owned())),
                Key::Common(k) => (AccountId::system(org, &format!("common:{k}")), None),
            };
            Account {
                id,
                org_id: org,
                code: code.to_owned(),
                name: name.to_owned(),
                group_id: GroupId::system(org, group),
                system_key,
                created_by: None,
                created_at: at,
            }
        })
        .collect();
    (groups, accounts)
}

/// Writes the default chart into a new organisation's books (in the transaction that creates
/// it); what is there already is kept.
pub async fn open_books(tx: &mut WriteTx, org: OrgId) -> Result<(), Error> {
    let (groups, accounts) = default_chart(org);
    accounts::insert_missing(tx, &groups, &accounts).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_system_account_is_in_the_chart_once() {
        let org = OrgId::new();
        let (groups, accounts) = default_chart(org);
        for s in System::ALL {
            let n = accounts.iter().filter(|a| a.id == s.id(org)).count();
            assert_eq!(n, 1, "{}", s.key());
        }
        for a in &accounts {
            assert!(groups.iter().any(|g| g.id == a.group_id), "{}", a.name);
        }
        for g in &groups {
            if let Some(parent) = g.parent_id {
                let p = groups
                    .iter()
                    .find(|p| p.id == parent)
                    .map(|p| (p.nature, &p.code));
                assert_eq!(p.map(|p| p.0), Some(g.nature), "{}", g.name);
                assert!(
                    p.is_some_and(|p| g.code.starts_with(p.1.as_str())),
                    "{}",
                    g.name
                );
            }
        }
        let mut codes: Vec<_> = accounts.iter().map(|a| &a.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), accounts.len());
    }

    #[test]
    fn ids_are_the_same_each_time_and_differ_between_businesses() {
        let org = OrgId::new();
        assert_eq!(System::Sales.id(org), System::Sales.id(org));
        assert_ne!(System::Sales.id(org), System::Sales.id(OrgId::new()));
        assert_eq!(System::of(org, System::Bank.id(org)), Some(System::Bank));
    }
}
