//! The chart as a business sees it: its groups and accounts, adding accounts and groups, and
//! removing an account nothing was posted to. System accounts stay.

use std::collections::HashMap;

use bahi_store::identity::now;
use bahi_store::ledger::accounts::{self, Account, AccountGroup};
use bahi_store::ledger::{AccountId, GroupId, Nature};

use super::chart::System;
use crate::audit::{Entity, Event, record};
use crate::fields::name;
use crate::{
    Accountant, AtLeast, Error, FieldErrors, Message, MinimumRole, OrgCtx, Services, Viewer,
};

/// An organisation's chart: every group and account, with what reports need to place them.
#[derive(Debug, Clone)]
pub struct Chart {
    pub groups: Vec<AccountGroup>,
    pub accounts: Vec<Account>,
    group_index: HashMap<GroupId, usize>,
    account_index: HashMap<AccountId, usize>,
}

impl Chart {
    #[must_use]
    pub fn new(groups: Vec<AccountGroup>, accounts: Vec<Account>) -> Self {
        let group_index = groups.iter().enumerate().map(|(i, g)| (g.id, i)).collect();
        let account_index = accounts
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id, i))
            .collect();
        Self {
            groups,
            accounts,
            group_index,
            account_index,
        }
    }

    #[must_use]
    pub fn account(&self, id: AccountId) -> Option<&Account> {
        self.account_index.get(&id).map(|&i| &self.accounts[i])
    }

    #[must_use]
    pub fn group(&self, id: GroupId) -> Option<&AccountGroup> {
        self.group_index.get(&id).map(|&i| &self.groups[i])
    }

    /// The nature of an account (its group's).
    #[must_use]
    pub fn nature(&self, account: &Account) -> Nature {
        self.group(account.group_id)
            .map_or(Nature::Asset, |g| g.nature)
    }

    /// The account's group's name.
    #[must_use]
    pub fn group_name(&self, account: &Account) -> &str {
        self.group(account.group_id).map_or("", |g| g.name.as_str())
    }

    /// The groups from the top of the tree down to the account's own.
    #[must_use]
    pub fn path(&self, account: &Account) -> Vec<&AccountGroup> {
        let mut path = Vec::new();
        let mut next = Some(account.group_id);
        while let Some(id) = next {
            let Some(g) = self.group(id) else { break };
            if path.iter().any(|p: &&AccountGroup| p.id == g.id) {
                break;
            }
            path.push(g);
            next = g.parent_id;
        }
        path.reverse();
        path
    }
}

impl Chart {
    /// The accounts money is paid into or out of (under "Cash and cash equivalents"), by code.
    #[must_use]
    pub fn money_accounts(&self) -> Vec<&Account> {
        let mut found: Vec<&Account> = self
            .accounts
            .iter()
            .filter(|a| {
                let group = super::chart::money_group(a.org_id);
                self.path(a).iter().any(|g| g.id == group)
            })
            .collect();
        found.sort_by(|a, b| a.code.cmp(&b.code));
        found
    }
}

/// The cash and bank accounts a payment can name, by code.
pub async fn money_accounts<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
) -> Result<Vec<Account>, Error> {
    let chart = load(s, org).await?;
    Ok(chart.money_accounts().into_iter().cloned().collect())
}

pub async fn chart<R: AtLeast<Viewer>>(s: &Services, org: &OrgCtx<R>) -> Result<Chart, Error> {
    load(s, org).await
}

pub(crate) async fn load<R: MinimumRole>(s: &Services, org: &OrgCtx<R>) -> Result<Chart, Error> {
    let groups = accounts::groups(&s.db, org.org_id()).await?;
    let list = accounts::list(&s.db, org.org_id()).await?;
    Ok(Chart::new(groups, list))
}

/// A new account as typed.
#[derive(Debug, Clone, Default)]
pub struct AccountInput {
    pub code: String,
    pub name: String,
    pub group_id: Option<GroupId>,
}

fn code(field: &str, value: &str, errors: &mut FieldErrors) -> String {
    let code = value.trim().to_owned();
    if code.is_empty() {
        errors.push(field, Message::new("field-required"));
    } else if code.len() > 20 || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        errors.push(field, Message::new("account-code-invalid"));
    }
    code
}

/// Adds an account to a group.
pub async fn create<R: AtLeast<Accountant>>(
    s: &Services,
    org: &OrgCtx<R>,
    input: &AccountInput,
) -> Result<Account, Error> {
    let mut errors = FieldErrors::default();
    let code = code("code", &input.code, &mut errors);
    let account_name = name("name", &input.name, 100, &mut errors);
    let group = match input.group_id {
        Some(id) => accounts::get_group(&s.db, org.org_id(), id).await?,
        None => None,
    };
    if group.is_none() {
        errors.push("group_id", Message::new("account-group-unknown"));
    }
    errors.check()?;
    let Some(group) = group else {
        return Err(Error::Internal("a checked group is missing".into()));
    };
    let account = Account {
        id: AccountId::new(),
        org_id: org.org_id(),
        code,
        name: account_name,
        group_id: group.id,
        system_key: None,
        created_by: Some(org.user().id),
        created_at: now(),
    };
    let mut tx = s.db.begin_write().await?;
    accounts::insert(&mut tx, &account).await?;
    let event = Event {
        action: "account.create",
        entity: Entity("account", Some(account.id.to_string())),
        summary: format!(
            "{} added the account {} {} under {}",
            org.user().email,
            account.code,
            account.name,
            group.name
        ),
        details: vec![
            ("code", account.code.clone()),
            ("name", account.name.clone()),
        ],
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    tx.commit().await?;
    Ok(account)
}

/// A new group as typed: under a parent, whose nature it takes.
#[derive(Debug, Clone, Default)]
pub struct GroupInput {
    pub code: String,
    pub name: String,
    pub parent_id: Option<GroupId>,
}

/// Adds a group under another.
pub async fn create_group<R: AtLeast<Accountant>>(
    s: &Services,
    org: &OrgCtx<R>,
    input: &GroupInput,
) -> Result<AccountGroup, Error> {
    let mut errors = FieldErrors::default();
    let code = code("code", &input.code, &mut errors);
    let group_name = name("name", &input.name, 100, &mut errors);
    let parent = match input.parent_id {
        Some(id) => accounts::get_group(&s.db, org.org_id(), id).await?,
        None => None,
    };
    if parent.is_none() {
        errors.push("parent_id", Message::new("account-group-unknown"));
    }
    errors.check()?;
    let Some(parent) = parent else {
        return Err(Error::Internal("a checked group is missing".into()));
    };
    let group = AccountGroup {
        id: GroupId::new(),
        org_id: org.org_id(),
        code,
        name: group_name,
        parent_id: Some(parent.id),
        nature: parent.nature,
        system_key: None,
        created_at: now(),
    };
    let mut tx = s.db.begin_write().await?;
    accounts::insert_group(&mut tx, &group).await?;
    let event = Event {
        action: "account_group.create",
        entity: Entity("account_group", Some(group.id.to_string())),
        summary: format!(
            "{} added the group {} under {}",
            org.user().email,
            group.name,
            parent.name
        ),
        details: vec![("code", group.code.clone()), ("name", group.name.clone())],
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    tx.commit().await?;
    Ok(group)
}

/// Removes an account of the business's own that nothing was posted to.
pub async fn delete<R: AtLeast<Accountant>>(
    s: &Services,
    org: &OrgCtx<R>,
    id: AccountId,
) -> Result<(), Error> {
    let account = accounts::get(&s.db, org.org_id(), id)
        .await?
        .ok_or(Error::NotFound)?;
    if account.system_key.is_some() || System::of(org.org_id(), id).is_some() {
        return Err(Error::Conflict(Message::new("account-system")));
    }
    let mut tx = s.db.begin_write().await?;
    if !accounts::delete_unused(&mut tx, org.org_id(), id).await? {
        return Err(Error::Conflict(Message::new("account-has-postings")));
    }
    let event = Event {
        action: "account.delete",
        entity: Entity("account", Some(id.to_string())),
        summary: format!(
            "{} removed the account {} {}",
            org.user().email,
            account.code,
            account.name
        ),
        details: vec![
            ("code", account.code.clone()),
            ("name", account.name.clone()),
        ],
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    tx.commit().await?;
    Ok(())
}
