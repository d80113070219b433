import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// One libxml2 parser context per thread for the streaming parse, reset after each report
/// instead of made and freed for each: making one (with its name dictionary, stacks and SAX
/// block) and freeing it cost about 6,700 instructions a report. (The bytes are still copied
/// into the context's input: libxml2 2.9.14 misreads a static input buffer, stopping short.)
///
/// The context's name dictionary keeps the names of every report the thread parsed, and the
/// reports' names are few; a context whose dictionary passes `dictionaryLimit` names (a batch
/// of made-up names) is freed after its report, so memory stays bounded.
enum ReusedParserContext {
    static let dictionaryLimit = 4096

    /// The thread's context; freed with the thread.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { context in
            guard let context else { return }
            xmlFreeParserCtxt(context.assumingMemoryBound(to: xmlParserCtxt.self))
        }
        return key
    }()

    /// The thread's context, reading `bytes`; hand it back with `finish` once parsed.
    static func start(_ bytes: UnsafeRawBufferPointer) -> xmlParserCtxtPtr? {
        guard let base = bytes.baseAddress, bytes.count < Int(Int32.max) else { return nil }
        let context: xmlParserCtxtPtr
        if let kept = pthread_getspecific(key) {
            context = kept.assumingMemoryBound(to: xmlParserCtxt.self)
        } else {
            guard let made = xmlNewParserCtxt() else { return nil }
            context = made
            pthread_setspecific(key, made)
        }
        guard let buffer = xmlParserInputBufferCreateMem(base.assumingMemoryBound(to: CChar.self),
                                                         Int32(bytes.count), XML_CHAR_ENCODING_NONE)
        else { return nil }
        guard let input = xmlNewIOInputStream(context, buffer, XML_CHAR_ENCODING_NONE) else {
            xmlFreeParserInputBuffer(buffer)
            return nil
        }
        guard inputPush(context, input) >= 0 else {
            xmlFreeInputStream(input)
            return nil
        }
        return context
    }

    /// Takes back a context from `start`: its input (its copy of the report) is freed at once,
    /// its state made fresh for the next report (whatever this one did, refused or not), and the
    /// context itself freed when its dictionary has grown past the limit.
    static func finish(_ context: xmlParserCtxtPtr) {
        xmlCtxtReset(context)
        if xmlDictSize(context.pointee.dict) > dictionaryLimit {
            pthread_setspecific(key, nil)
            xmlFreeParserCtxt(context)
        }
    }
}
