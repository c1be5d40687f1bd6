//! Who acts, and on what they may act. A use case for an organisation takes an [`OrgCtx<R>`]:
//! it exists only for a member of that organisation with at least role `R`, so "may this person
//! do this?" is answered once, by the type, and cannot differ between the API and the pages.
//!
//! ```ignore
//! pub async fn invite<R: AtLeast<Admin>>(s: &Services, org: &OrgCtx<R>, …)
//! ```
//! A handler holding an `OrgCtx<Viewer>` cannot call it: that does not compile.

use std::marker::PhantomData;

use bahi_store::identity::orgs::{self, Membership};
use bahi_store::identity::users::User;
use bahi_store::identity::{OrgId, Role, TokenId, UserId};

use crate::{Error, Message, Services};

/// How the acting user proved who they are.
#[derive(Debug, Clone)]
pub enum Via {
    /// A browser session (its id's hash).
    Session { id_hash: String },
    /// An API token.
    Token { id: TokenId },
    /// The server's command line, on the user's behalf (`bahi seed --demo` raising the demo
    /// owner's documents).
    CommandLine,
}

/// A signed-in user, with the client's address, acting now.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user: User,
    pub ip: Option<String>,
    pub via: Via,
}

impl Actor {
    /// The session this actor came with, if a browser.
    #[must_use]
    pub fn session(&self) -> Option<&str> {
        match &self.via {
            Via::Session { id_hash } => Some(id_hash),
            Via::Token { .. } | Via::CommandLine => None,
        }
    }
}

/// Someone at the server's command line (`bahi admin`, `bahi seed`): trusted because they have
/// the server's shell and configuration. The label names them in the audit trail.
#[derive(Debug, Clone, Copy)]
pub struct Operator {
    pub label: &'static str,
}

/// Who the audit trail names for an event.
#[derive(Debug, Clone, Default)]
pub struct AuditActor {
    pub user_id: Option<UserId>,
    pub email: Option<String>,
    pub ip: Option<String>,
}

impl From<&Actor> for AuditActor {
    fn from(a: &Actor) -> Self {
        Self {
            user_id: Some(a.user.id),
            email: Some(a.user.email.clone()),
            ip: a.ip.clone(),
        }
    }
}

impl From<&Operator> for AuditActor {
    fn from(o: &Operator) -> Self {
        Self {
            user_id: None,
            email: Some(o.label.to_owned()),
            ip: None,
        }
    }
}

/// The least role a use case needs.
pub trait MinimumRole: Send + Sync + 'static {
    const ROLE: Role;
}

/// `R: AtLeast<Admin>` — a context of role `R` may do what an admin may.
pub trait AtLeast<R: MinimumRole>: MinimumRole {}

/// Owners also delete and unlock filed periods.
pub struct Owner;
/// Admins also manage members and settings.
pub struct Admin;
/// Accountants create and issue documents.
pub struct Accountant;
/// Viewers only read.
pub struct Viewer;

impl MinimumRole for Owner {
    const ROLE: Role = Role::Owner;
}
impl MinimumRole for Admin {
    const ROLE: Role = Role::Admin;
}
impl MinimumRole for Accountant {
    const ROLE: Role = Role::Accountant;
}
impl MinimumRole for Viewer {
    const ROLE: Role = Role::Viewer;
}

impl AtLeast<Owner> for Owner {}
impl AtLeast<Admin> for Owner {}
impl AtLeast<Admin> for Admin {}
impl AtLeast<Accountant> for Owner {}
impl AtLeast<Accountant> for Admin {}
impl AtLeast<Accountant> for Accountant {}
impl AtLeast<Viewer> for Owner {}
impl AtLeast<Viewer> for Admin {}
impl AtLeast<Viewer> for Accountant {}
impl AtLeast<Viewer> for Viewer {}

/// A member of one organisation, with at least role `R`, acting in it.
pub struct OrgCtx<R: MinimumRole> {
    actor: Actor,
    membership: Membership,
    _role: PhantomData<R>,
}

impl<R: MinimumRole> OrgCtx<R> {
    /// Not a member (or no such organisation): not found, never "forbidden", which would confirm
    /// it exists. A suspended organisation, or a role below `R`: forbidden.
    pub async fn authorise(s: &Services, actor: Actor, org: OrgId) -> Result<Self, Error> {
        let membership = orgs::membership(&s.db, org, actor.user.id)
            .await?
            .ok_or(Error::NotFound)?;
        if membership.suspended_at.is_some() {
            return Err(Error::Forbidden(Message::new("org-suspended")));
        }
        // A business that requires a second factor admits password sign-ins only with one;
        // API tokens are credentials of their own.
        if membership.require_two_factor
            && matches!(actor.via, Via::Session { .. })
            && bahi_store::identity::two_factor::get(&s.db, actor.user.id)
                .await?
                .is_none_or(|t| t.enabled_at.is_none())
        {
            return Err(Error::Forbidden(Message::new("two-factor-required")));
        }
        if !membership.role.at_least(R::ROLE) {
            return Err(Error::Forbidden(
                Message::new("role-too-low")
                    .arg("needed", R::ROLE.as_str())
                    .arg("have", membership.role.as_str()),
            ));
        }
        Ok(Self {
            actor,
            membership,
            _role: PhantomData,
        })
    }

    /// The same member in a context of another role, when their actual role allows it (a page
    /// every member sees shows admins their extra forms).
    #[must_use]
    pub fn as_role<T: MinimumRole>(&self) -> Option<OrgCtx<T>> {
        self.membership.role.at_least(T::ROLE).then(|| OrgCtx {
            actor: self.actor.clone(),
            membership: self.membership.clone(),
            _role: PhantomData,
        })
    }

    #[must_use]
    pub fn org_id(&self) -> OrgId {
        self.membership.id
    }

    /// The organisation as the member sees it (name, GSTIN, state, their role).
    #[must_use]
    pub fn org(&self) -> &Membership {
        &self.membership
    }

    /// Today where the business is (its time zone): documents and rates are dated by it.
    #[must_use]
    pub fn today(&self) -> time::Date {
        let (minutes, _) = crate::identity::zones::offset_of(&self.membership.time_zone);
        let offset =
            time::UtcOffset::from_whole_seconds(minutes * 60).unwrap_or(time::UtcOffset::UTC);
        time::OffsetDateTime::now_utc().to_offset(offset).date()
    }

    /// The member's actual role (at least `R`).
    #[must_use]
    pub fn role(&self) -> Role {
        self.membership.role
    }

    #[must_use]
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    #[must_use]
    pub fn user(&self) -> &User {
        &self.actor.user
    }

    pub(crate) fn audit_actor(&self) -> AuditActor {
        (&self.actor).into()
    }
}

/// A platform administrator (a flag on the user, separate from organisation roles).
pub struct PlatformAdmin {
    actor: Actor,
}

impl PlatformAdmin {
    pub fn authorise(actor: Actor) -> Result<Self, Error> {
        if actor.user.is_platform_admin {
            Ok(Self { actor })
        } else {
            Err(Error::Forbidden(Message::new("platform-admins-only")))
        }
    }

    #[must_use]
    pub fn actor(&self) -> &Actor {
        &self.actor
    }
}
