/// What tce says about itself in machine-readable output.
public enum ToolInfo {
    public static let name = "tce"
    public static let version = "0.1.0"
}
