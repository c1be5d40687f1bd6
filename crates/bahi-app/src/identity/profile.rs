//! A user's own preferences: the language pages speak to them in.

use bahi_store::identity::users::{self, Language};

use crate::{Actor, Error, Services};

pub async fn set_language(s: &Services, actor: &Actor, language: Language) -> Result<(), Error> {
    users::set_language(&s.db, actor.user.id, language).await?;
    Ok(())
}
