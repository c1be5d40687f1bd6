//! A business's logo on its printed documents. Whether the bytes are an image is the caller's
//! to check (the server decodes them with `bahi-pdf` before it calls `set`): the use case keeps
//! what it is given, with its content type, and records who changed it.

use bahi_store::identity::logos::{self, StoredLogo};

use crate::audit::{Entity, Event, record};
use crate::{Admin, AtLeast, Error, OrgCtx, Services, Viewer};

pub async fn get<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
) -> Result<Option<StoredLogo>, Error> {
    Ok(logos::get(&s.db, org.org_id()).await?)
}

/// Sets the logo (`content_type` is `image/png` or `image/jpeg`), replacing any other.
pub async fn set<R: AtLeast<Admin>>(
    s: &Services,
    org: &OrgCtx<R>,
    content_type: &str,
    data: &[u8],
) -> Result<(), Error> {
    let mut tx = s.db.begin_write().await?;
    logos::put(&mut tx, org.org_id(), content_type, data).await?;
    let event = Event {
        action: "organisation.logo.update",
        entity: Entity("organisation", Some(org.org_id().to_string())),
        summary: format!("{} changed the logo", org.user().email),
        details: vec![
            ("content_type", content_type.to_owned()),
            ("bytes", data.len().to_string()),
        ],
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    tx.commit().await?;
    Ok(())
}

/// Removes the logo; documents print without one.
pub async fn remove<R: AtLeast<Admin>>(s: &Services, org: &OrgCtx<R>) -> Result<(), Error> {
    let mut tx = s.db.begin_write().await?;
    if logos::delete(&mut tx, org.org_id()).await? {
        let event = Event {
            action: "organisation.logo.remove",
            entity: Entity("organisation", Some(org.org_id().to_string())),
            summary: format!("{} removed the logo", org.user().email),
            details: Vec::new(),
        };
        record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    }
    tx.commit().await?;
    Ok(())
}
