//! A packed object's optional strings, in one allocation.

/// `N` optional strings of at most 65,534 bytes each: their lengths, and their text
/// end to end in one buffer.
#[derive(Debug)]
pub(super) struct Strings<const N: usize> {
    /// Each string's length in bytes, [`ABSENT`] for `None`.
    lengths: [u16; N],
    text: Box<str>,
}

/// The length that stands for a string that is not set.
const ABSENT: u16 = u16::MAX;

impl<const N: usize> Strings<N> {
    /// The strings packed, or `None` when one is too long to be.
    pub(super) fn pack(fields: [Option<&str>; N]) -> Option<Self> {
        let mut lengths = [ABSENT; N];
        let mut text = String::with_capacity(fields.iter().flatten().map(|s| s.len()).sum());
        for (length, field) in lengths.iter_mut().zip(fields) {
            if let Some(field) = field {
                *length = u16::try_from(field.len()).ok().filter(|l| *l != ABSENT)?;
                text.push_str(field);
            }
        }
        Some(Strings {
            lengths,
            text: text.into_boxed_str(),
        })
    }

    /// The string packed `index`th, without copying it.
    pub(super) fn get(&self, index: usize) -> Option<&str> {
        let length = *self.lengths.get(index)?;
        if length == ABSENT {
            return None;
        }
        let start: usize = self.lengths[..index]
            .iter()
            .filter(|l| **l != ABSENT)
            .map(|l| usize::from(*l))
            .sum();
        self.text.get(start..start + usize::from(length))
    }

    /// The strings, in the order they were packed.
    pub(super) fn unpack(&self) -> [Option<String>; N] {
        let mut start = 0;
        self.lengths.map(|length| {
            (length != ABSENT).then(|| {
                let end = start + usize::from(length);
                let field = self.text.get(start..end).unwrap_or_default().to_owned();
                start = end;
                field
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_come_back_as_they_went_in_set_empty_or_absent() {
        let fields = [Some("pod"), None, Some(""), Some("Ünïcode ✓"), None];
        let packed = Strings::pack(fields).expect("short strings pack");
        assert_eq!(packed.unpack(), fields.map(|f| f.map(str::to_owned)));
        for (index, field) in fields.iter().enumerate() {
            assert_eq!(packed.get(index), *field);
        }
        assert_eq!(packed.get(fields.len()), None);
    }

    #[test]
    fn a_string_too_long_to_pack_is_refused() {
        let long = "x".repeat(usize::from(ABSENT));
        assert!(Strings::pack([Some(long.as_str())]).is_none());
        let longest = "x".repeat(usize::from(ABSENT) - 1);
        assert!(Strings::pack([Some(longest.as_str())]).is_some());
    }
}
