//! The protobuf wire format, as far as Kubernetes' `generated.proto` messages use it:
//! varints (ints, bools) and length-delimited fields (strings, bytes, messages, map
//! entries).

/// A field's payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Payload<'a> {
    /// Wire type 0.
    Varint(u64),
    /// Wire type 2.
    Bytes(&'a [u8]),
}

/// Reads the fields of one message in order.
pub struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    /// A reader over one message's bytes.
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { rest: bytes }
    }

    fn varint(&mut self) -> Result<u64, String> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let (&byte, rest) = self.rest.split_first().ok_or("truncated varint")?;
            self.rest = rest;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err("varint longer than 10 bytes".to_owned())
    }

    /// The next field's number and payload; `None` at the end of the message.
    pub fn next_field(&mut self) -> Result<Option<(u32, Payload<'a>)>, String> {
        if self.rest.is_empty() {
            return Ok(None);
        }
        let key = self.varint()?;
        let tag = u32::try_from(key >> 3).map_err(|_| "field number out of range")?;
        let payload = match key & 7 {
            0 => Payload::Varint(self.varint()?),
            2 => {
                let len = usize::try_from(self.varint()?).map_err(|_| "length out of range")?;
                if len > self.rest.len() {
                    return Err(format!("field {tag} is truncated"));
                }
                let (bytes, rest) = self.rest.split_at(len);
                self.rest = rest;
                Payload::Bytes(bytes)
            }
            other => {
                return Err(format!(
                    "field {tag} has wire type {other}, unused by Kubernetes"
                ))
            }
        };
        Ok(Some((tag, payload)))
    }
}

#[cfg(test)]
mod tests {
    use super::{Payload, Reader};

    #[test]
    fn reads_varints_and_length_delimited_fields() {
        // field 1 = 150, field 2 = "hi", field 16 = -1 as int32 (ten bytes)
        let bytes = [
            0x08, 0x96, 0x01, 0x12, 0x02, b'h', b'i', 0x80, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff,
            0xff, 0xff, 0xff, 0xff, 0x01,
        ];
        let mut r = Reader::new(&bytes);
        assert_eq!(r.next_field(), Ok(Some((1, Payload::Varint(150)))));
        assert_eq!(r.next_field(), Ok(Some((2, Payload::Bytes(b"hi")))));
        assert_eq!(r.next_field(), Ok(Some((16, Payload::Varint(u64::MAX)))));
        assert_eq!(r.next_field(), Ok(None));
        assert!(Reader::new(&[0x12, 0x05, b'a']).next_field().is_err());
    }
}
